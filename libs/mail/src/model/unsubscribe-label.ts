import type { MailLocale } from './mail-template.js';

export const UNSUBSCRIBE_LABEL: Record<MailLocale, string> = {
  en: 'Unsubscribe from these emails',
  fr: 'Se désabonner de ces e-mails',
  es: 'Darse de baja de estos correos',
};
