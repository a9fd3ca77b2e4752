import { mailTemplate } from '@plenary/mail';

export interface EventInvitationMailData {
  inviterName: string;
  eventTitle: string;
  startsAt: Date;
  /** The event's IANA time zone: the start is written in it. */
  timezone: string;
  /** The invitation's page in the web client, with its token. */
  url: string;
}

const start = (locale: string, data: EventInvitationMailData) =>
  `${new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeStyle: 'short', timeZone: data.timezone }).format(data.startsAt)} (${data.timezone})`;

/** An invitation to an event, mailed to an address chosen by one of its hosts. */
export const eventInvitationMail = mailTemplate<EventInvitationMailData>({
  name: 'event-invitation',
  transactional: true,
  render: {
    en: (data) => ({
      subject: `${data.inviterName} invited you to ${data.eventTitle}`,
      greeting: 'Hello,',
      paragraphs: [
        `${data.inviterName} invited you to the event “${data.eventTitle}”, starting ${start('en-GB', data)}.`,
        'Accept the invitation to register. If you have no account yet, you can create one with this address.',
      ],
      action: { label: 'Accept and register', url: data.url },
      closing: ['If you did not expect this invitation, you can ignore this mail.'],
    }),
    fr: (data) => ({
      subject: `${data.inviterName} vous invite à ${data.eventTitle}`,
      greeting: 'Bonjour,',
      paragraphs: [
        `${data.inviterName} vous invite à l’événement « ${data.eventTitle} », qui commence le ${start('fr', data)}.`,
        'Acceptez l’invitation pour vous inscrire. Si vous n’avez pas encore de compte, vous pourrez en créer un avec cette adresse.',
      ],
      action: { label: 'Accepter et m’inscrire', url: data.url },
      closing: ['Si vous n’attendiez pas cette invitation, vous pouvez ignorer ce message.'],
    }),
    es: (data) => ({
      subject: `${data.inviterName} le invita a ${data.eventTitle}`,
      greeting: 'Hola:',
      paragraphs: [
        `${data.inviterName} le invita al evento «${data.eventTitle}», que comienza el ${start('es', data)}.`,
        'Acepte la invitación para inscribirse. Si todavía no tiene una cuenta, podrá crear una con esta dirección.',
      ],
      action: { label: 'Aceptar e inscribirme', url: data.url },
      closing: ['Si no esperaba esta invitación, puede ignorar este mensaje.'],
    }),
  },
});
