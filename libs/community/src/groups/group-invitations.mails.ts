import { mailTemplate } from '@plenary/mail';

export interface GroupInvitationMailData {
  inviterName: string;
  groupName: string;
  /** The invitation's page in the web client, with its token. */
  url: string;
  expiresAt: Date;
}

const day = (locale: string, date: Date) =>
  new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(date);

/** An invitation to join a group, mailed to an address chosen by an owner or facilitator. */
export const groupInvitationMail = mailTemplate<GroupInvitationMailData>({
  name: 'group-invitation',
  transactional: true,
  render: {
    en: (data) => ({
      subject: `${data.inviterName} invited you to join ${data.groupName}`,
      greeting: 'Hello,',
      paragraphs: [
        `${data.inviterName} invited you to join the group “${data.groupName}”.`,
        'Accept the invitation to become a member. If you have no account yet, you can create one with this address.',
      ],
      action: { label: 'Accept the invitation', url: data.url },
      closing: [
        `This invitation is valid until ${day('en-GB', data.expiresAt)}.`,
        'If you did not expect it, you can ignore this mail.',
      ],
    }),
    fr: (data) => ({
      subject: `${data.inviterName} vous invite à rejoindre ${data.groupName}`,
      greeting: 'Bonjour,',
      paragraphs: [
        `${data.inviterName} vous invite à rejoindre le groupe « ${data.groupName} ».`,
        'Acceptez l’invitation pour en devenir membre. Si vous n’avez pas encore de compte, vous pourrez en créer un avec cette adresse.',
      ],
      action: { label: 'Accepter l’invitation', url: data.url },
      closing: [
        `Cette invitation est valable jusqu’au ${day('fr', data.expiresAt)}.`,
        'Si vous ne l’attendiez pas, vous pouvez ignorer ce message.',
      ],
    }),
    es: (data) => ({
      subject: `${data.inviterName} le invita a unirse a ${data.groupName}`,
      greeting: 'Hola:',
      paragraphs: [
        `${data.inviterName} le invita a unirse al grupo «${data.groupName}».`,
        'Acepte la invitación para ser miembro. Si todavía no tiene una cuenta, podrá crear una con esta dirección.',
      ],
      action: { label: 'Aceptar la invitación', url: data.url },
      closing: [
        `Esta invitación es válida hasta el ${day('es', data.expiresAt)}.`,
        'Si no la esperaba, puede ignorar este mensaje.',
      ],
    }),
  },
});
