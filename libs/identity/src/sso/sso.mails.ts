import { mailTemplate } from '@plenary/mail';

export interface SsoLinkConfirmData {
  displayName: string;
  provider: string;
  /** The /sso/link page of the web client, with its token. */
  url: string;
  minutes: number;
}

/**
 * To the owner of an account whose address a provider asserted for an identity not linked to it:
 * nothing is linked unless they follow the link (transactional: it is about the account's security).
 */
export const ssoLinkConfirmMail = mailTemplate<SsoLinkConfirmData>({
  name: 'sso.link-confirm',
  transactional: true,
  render: {
    en: ({ displayName, provider, url, minutes }) => ({
      subject: `Link your account to ${provider}?`,
      greeting: `Hello ${displayName},`,
      paragraphs: [
        `Someone just signed in through ${provider} with the address of your account.`,
        `If it was you, confirm to link your account to ${provider}: you will be signed in, and you can sign in through ${provider} from then on.`,
      ],
      action: { label: `Link my account to ${provider}`, url },
      closing: [
        `This link works once, for ${minutes} minutes.`,
        'If it was not you, ignore this mail: nothing changes on your account.',
      ],
    }),
    fr: ({ displayName, provider, url, minutes }) => ({
      subject: `Lier votre compte à ${provider} ?`,
      greeting: `Bonjour ${displayName},`,
      paragraphs: [
        `Quelqu’un vient de se connecter via ${provider} avec l’adresse de votre compte.`,
        `Si c’était vous, confirmez pour lier votre compte à ${provider} : vous serez connecté, et vous pourrez désormais vous connecter via ${provider}.`,
      ],
      action: { label: `Lier mon compte à ${provider}`, url },
      closing: [
        `Ce lien ne fonctionne qu’une fois, pendant ${minutes} minutes.`,
        'Si ce n’était pas vous, ignorez ce message : rien ne change sur votre compte.',
      ],
    }),
    es: ({ displayName, provider, url, minutes }) => ({
      subject: `¿Vincular su cuenta a ${provider}?`,
      greeting: `Hola, ${displayName}:`,
      paragraphs: [
        `Alguien acaba de iniciar sesión a través de ${provider} con la dirección de su cuenta.`,
        `Si fue usted, confirme para vincular su cuenta a ${provider}: se iniciará su sesión y, a partir de entonces, podrá iniciar sesión a través de ${provider}.`,
      ],
      action: { label: `Vincular mi cuenta a ${provider}`, url },
      closing: [
        `Este enlace funciona una sola vez, durante ${minutes} minutos.`,
        'Si no fue usted, ignore este mensaje: su cuenta no cambia.',
      ],
    }),
  },
});
