export const MAIL_LOCALES = ['en', 'fr', 'es'] as const;
export type MailLocale = (typeof MAIL_LOCALES)[number];

/** What a mail says, in one language; the mail lib lays it out as HTML and as plain text (everything is escaped). */
export interface MailContent {
  subject: string;
  /** The opening line: "Hello Amina,". */
  greeting?: string;
  paragraphs: string[];
  /** The one thing to do, shown as a button (and as the bare link in the text part). */
  action?: { label: string; url: string };
  /** A list, such as a digest's threads; an item with a url is a link. */
  items?: { text: string; url?: string }[];
  /** Lines after the action: "If you did not ask for this, ignore this mail." */
  closing?: string[];
}

/**
 * A kind of mail, declared by the context that sends it, in every language Plenary speaks.
 * Transactional mails (verification, reset, security notices, invitations) are sent regardless of
 * preferences; the others (digests) carry an unsubscribe link and a List-Unsubscribe header.
 */
export interface MailTemplate<Data> {
  name: string;
  transactional: boolean;
  render: Record<MailLocale, (data: Data) => MailContent>;
}

export function mailTemplate<Data>(template: MailTemplate<Data>): MailTemplate<Data> {
  return template;
}

export interface MailRequest<Data> {
  to: string;
  /** The recipient's language; anything Plenary does not speak falls back to English. */
  locale: string | null | undefined;
  template: MailTemplate<Data>;
  data: Data;
  /**
   * Required when the template is not transactional: `url` is the page a person opens from the
   * mail's footer, `oneClickUrl` the address mail clients POST to (RFC 8058 List-Unsubscribe-Post).
   */
  unsubscribe?: { url: string; oneClickUrl: string };
  /**
   * Makes the mail once-only: a second request with the same key (a retried request, another
   * instance doing the same periodic work) is not queued again. Unique across all mail.
   */
  key?: string;
}

export function mailLocale(locale: string | null | undefined): MailLocale {
  const language = (locale ?? '').slice(0, 2).toLowerCase();
  return (MAIL_LOCALES as readonly string[]).includes(language) ? (language as MailLocale) : 'en';
}
