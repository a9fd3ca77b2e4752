import { type MailContent, mailTemplate } from '@plenary/mail';
import type { NotificationKind } from '../model/notification-kinds.js';
import type { DigestSchedule } from './digest-periods.js';

/** One unread notification, as a digest lists it. */
export interface DigestNotification {
  kind: NotificationKind;
  /** Who acted; null when nobody in particular did, or the account is gone. */
  actor: string | null;
  /** What it is about (a thread's title, a group's name…); null for moderation of an account. */
  text: string | null;
  action: string | null;
  url: string | null;
}

export interface DigestMailData {
  displayName: string;
  frequency: DigestSchedule;
  /** All the unread notifications of the period; `notifications` holds the latest of them. */
  unreadCount: number;
  notifications: DigestNotification[];
  threads: { title: string; categoryName: string; url: string }[];
  notificationsUrl: string;
}

/** What one language says of each part of a digest. */
interface DigestWords {
  subject: (frequency: DigestMailData['frequency'], counts: string[]) => string;
  unread: (count: number) => string;
  threads: (count: number) => string;
  greeting: (name: string) => string;
  /** The counts, joined: "Since your last digest: 3 unread notifications and 2 new threads in the categories you follow." */
  summary: (counts: string[], threads: boolean) => string;
  latest: (shown: number) => string;
  line: (notification: DigestNotification, actor: string, text: string) => string;
  newThread: (thread: DigestMailData['threads'][number]) => string;
  open: string;
  why: (frequency: DigestMailData['frequency']) => string;
  someone: string;
}

function render(words: DigestWords, data: DigestMailData): MailContent {
  const counts = [
    ...(data.unreadCount > 0 ? [words.unread(data.unreadCount)] : []),
    ...(data.threads.length > 0 ? [words.threads(data.threads.length)] : []),
  ];
  return {
    subject: words.subject(data.frequency, counts),
    greeting: words.greeting(data.displayName),
    paragraphs: [
      words.summary(counts, data.threads.length > 0),
      ...(data.unreadCount > data.notifications.length ? [words.latest(data.notifications.length)] : []),
    ],
    items: [
      ...data.notifications.map((notification) => ({
        text: words.line(notification, notification.actor ?? words.someone, notification.text ?? ''),
        ...(notification.url ? { url: notification.url } : {}),
      })),
      ...data.threads.map((thread) => ({ text: words.newThread(thread), url: thread.url })),
    ],
    action: { label: words.open, url: data.notificationsUrl },
    closing: [words.why(data.frequency)],
  };
}

const en: DigestWords = {
  subject: (frequency, counts) => `Your ${frequency} digest — ${counts.join(', ')}`,
  unread: (count) => `${count} unread notification${count === 1 ? '' : 's'}`,
  threads: (count) => `${count} new thread${count === 1 ? '' : 's'}`,
  greeting: (name) => `Hello ${name},`,
  summary: (counts, threads) =>
    `Since your last digest: ${counts.join(' and ')}${threads ? ' in the categories you follow' : ''}.`,
  latest: (shown) => `The ${shown} latest notifications are below; all of them are on your notifications page.`,
  line: ({ kind, action }, actor, text) => {
    switch (kind) {
      case 'mention':
        return `${actor} mentioned you in “${text}”`;
      case 'reply':
        return `${actor} replied in “${text}”`;
      case 'accepted_answer':
        return `${actor} accepted your answer in “${text}”`;
      case 'moderation':
        return text ? `The moderators acted on your content in “${text}”` : 'The moderators acted on your account';
      case 'group_invitation':
        return `${actor} invited you to join ${text}`;
      case 'group_request_approved':
        return `Your request to join ${text} was approved`;
      case 'session_live':
        return `“${text}” went live`;
      case 'pledge_update':
        return `${actor} reported progress on the pledge “${text}”`;
      case 'review_assigned':
        return action === 'revised'
          ? `“${text}” was revised and is back for your review`
          : `${actor} asked you to review “${text}”`;
      case 'review_reminder':
        return `Your review of “${text}” is due soon`;
      case 'review_decision':
        return action === 'publish'
          ? `“${text}” was accepted and published`
          : action === 'request_changes'
            ? `The editors asked for changes to “${text}”`
            : action === 'reject'
              ? `“${text}” was not accepted`
              : `A decision was made on “${text}”`;
    }
  },
  newThread: ({ title, categoryName }) => `New in ${categoryName}: “${title}”`,
  open: 'Open your notifications',
  why: (frequency) =>
    `You receive this digest ${frequency === 'daily' ? 'every day' : 'every week'} because you asked for it in your ` +
    'email settings. You can change that there, or unsubscribe with the link below.',
  someone: 'Someone',
};

const fr: DigestWords = {
  subject: (frequency, counts) =>
    `Votre résumé ${frequency === 'daily' ? 'quotidien' : 'hebdomadaire'} — ${counts.join(', ')}`,
  unread: (count) => (count === 1 ? '1 notification non lue' : `${count} notifications non lues`),
  threads: (count) => (count === 1 ? '1 nouvelle discussion' : `${count} nouvelles discussions`),
  greeting: (name) => `Bonjour ${name},`,
  summary: (counts, threads) =>
    `Depuis votre dernier résumé : ${counts.join(' et ')}${threads ? ' dans les catégories que vous suivez' : ''}.`,
  latest: (shown) => `Voici les ${shown} plus récentes ; vous les trouverez toutes sur votre page de notifications.`,
  line: ({ kind, action }, actor, text) => {
    switch (kind) {
      case 'mention':
        return `${actor} vous a mentionné dans « ${text} »`;
      case 'reply':
        return `${actor} a répondu dans « ${text} »`;
      case 'accepted_answer':
        return `${actor} a accepté votre réponse dans « ${text} »`;
      case 'moderation':
        return text
          ? `Les modérateurs sont intervenus sur votre contenu dans « ${text} »`
          : 'Les modérateurs sont intervenus sur votre compte';
      case 'group_invitation':
        return `${actor} vous invite à rejoindre ${text}`;
      case 'group_request_approved':
        return `Votre demande pour rejoindre ${text} a été acceptée`;
      case 'session_live':
        return `« ${text} » a commencé en direct`;
      case 'pledge_update':
        return `${actor} a déclaré un progrès sur l’engagement « ${text} »`;
      case 'review_assigned':
        return action === 'revised'
          ? `« ${text} » a été révisé et revient pour votre évaluation`
          : `${actor} vous demande d’évaluer « ${text} »`;
      case 'review_reminder':
        return `Votre évaluation de « ${text} » est attendue bientôt`;
      case 'review_decision':
        return action === 'publish'
          ? `« ${text} » a été accepté et publié`
          : action === 'request_changes'
            ? `Les éditeurs demandent des modifications à « ${text} »`
            : action === 'reject'
              ? `« ${text} » n’a pas été accepté`
              : `Une décision a été prise sur « ${text} »`;
    }
  },
  newThread: ({ title, categoryName }) => `Nouveau dans ${categoryName} : « ${title} »`,
  open: 'Voir vos notifications',
  why: (frequency) =>
    `Vous recevez ce résumé ${frequency === 'daily' ? 'chaque jour' : 'chaque semaine'} parce que vous l’avez ` +
    'demandé dans vos paramètres d’e-mail. Vous pouvez y changer d’avis, ou vous désabonner avec le lien ci-dessous.',
  someone: 'Quelqu’un',
};

const es: DigestWords = {
  subject: (frequency, counts) => `Su resumen ${frequency === 'daily' ? 'diario' : 'semanal'} — ${counts.join(', ')}`,
  unread: (count) => (count === 1 ? '1 notificación sin leer' : `${count} notificaciones sin leer`),
  threads: (count) => (count === 1 ? '1 conversación nueva' : `${count} conversaciones nuevas`),
  greeting: (name) => `Hola, ${name}:`,
  summary: (counts, threads) =>
    `Desde su último resumen: ${counts.join(' y ')}${threads ? ' en las categorías que sigue' : ''}.`,
  latest: (shown) => `Estas son las ${shown} más recientes; encontrará todas en su página de notificaciones.`,
  line: ({ kind, action }, actor, text) => {
    switch (kind) {
      case 'mention':
        return `${actor} le mencionó en «${text}»`;
      case 'reply':
        return `${actor} respondió en «${text}»`;
      case 'accepted_answer':
        return `${actor} aceptó su respuesta en «${text}»`;
      case 'moderation':
        return text
          ? `Los moderadores intervinieron en su contenido en «${text}»`
          : 'Los moderadores intervinieron en su cuenta';
      case 'group_invitation':
        return `${actor} le invita a unirse a ${text}`;
      case 'group_request_approved':
        return `Se aprobó su solicitud para unirse a ${text}`;
      case 'session_live':
        return `«${text}» comenzó en directo`;
      case 'pledge_update':
        return `${actor} informó un avance del compromiso «${text}»`;
      case 'review_assigned':
        return action === 'revised'
          ? `«${text}» fue revisado y vuelve para su evaluación`
          : `${actor} le pidió evaluar «${text}»`;
      case 'review_reminder':
        return `Su evaluación de «${text}» vence pronto`;
      case 'review_decision':
        return action === 'publish'
          ? `«${text}» fue aceptado y publicado`
          : action === 'request_changes'
            ? `Los editores pidieron cambios en «${text}»`
            : action === 'reject'
              ? `«${text}» no fue aceptado`
              : `Se tomó una decisión sobre «${text}»`;
    }
  },
  newThread: ({ title, categoryName }) => `Nuevo en ${categoryName}: «${title}»`,
  open: 'Ver sus notificaciones',
  why: (frequency) =>
    `Recibe este resumen ${frequency === 'daily' ? 'cada día' : 'cada semana'} porque lo pidió en su configuración ` +
    'de correo. Puede cambiarlo allí, o darse de baja con el enlace de abajo.',
  someone: 'Alguien',
};

/**
 * A member's digest: their unread notifications of the period and the new threads in the
 * categories they follow, each a link into the web client. Not transactional: it carries an
 * unsubscribe link.
 */
export const digestMail = mailTemplate<DigestMailData>({
  name: 'notification-digest',
  transactional: false,
  render: { en: (data) => render(en, data), fr: (data) => render(fr, data), es: (data) => render(es, data) },
});
