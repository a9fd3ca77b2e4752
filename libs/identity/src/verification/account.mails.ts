import { mailTemplate } from '@plenary/mail';

// Every mail here is transactional: it is about the account and its security, so no preference silences it.

interface Greeted {
  displayName: string;
}

export interface LinkMailData extends Greeted {
  url: string;
}

export interface VerifyEmailData extends LinkMailData {
  hours: number;
}

export interface EmailChangeVerifyData extends VerifyEmailData {
  email: string;
}

/** A notice to an address, naming another address only masked (n***@example.org). */
export interface MaskedAddressData extends Greeted {
  maskedEmail: string;
}

export interface AddressNoticeData extends MaskedAddressData {
  /** Where to ask for a password-reset link. */
  forgotUrl: string;
}

export interface EmailInUseData extends Greeted {
  email: string;
  forgotUrl: string;
}

export interface PasswordResetData extends LinkMailData {
  minutes: number;
}

export interface SecurityNoticeData extends Greeted {
  forgotUrl: string;
}

export interface SsoLinkedData extends SecurityNoticeData {
  provider: string;
}

export const verifyEmailMail = mailTemplate<VerifyEmailData>({
  name: 'account.verify-email',
  transactional: true,
  render: {
    en: ({ displayName, url, hours }) => ({
      subject: 'Confirm your email address',
      greeting: `Hello ${displayName},`,
      paragraphs: ['Please confirm that this is your email address, so that we can reach you about your account.'],
      action: { label: 'Confirm my address', url },
      closing: [
        `The link works once and expires in ${hours} hours.`,
        'If you did not create an account, you can ignore this mail.',
      ],
    }),
    fr: ({ displayName, url, hours }) => ({
      subject: 'Confirmez votre adresse e-mail',
      greeting: `Bonjour ${displayName},`,
      paragraphs: [
        'Merci de confirmer qu’il s’agit bien de votre adresse e-mail, afin que nous puissions vous joindre au sujet de votre compte.',
      ],
      action: { label: 'Confirmer mon adresse', url },
      closing: [
        `Le lien ne fonctionne qu’une fois et expire dans ${hours} heures.`,
        'Si vous n’avez pas créé de compte, vous pouvez ignorer ce message.',
      ],
    }),
    es: ({ displayName, url, hours }) => ({
      subject: 'Confirme su dirección de correo electrónico',
      greeting: `Hola, ${displayName}:`,
      paragraphs: [
        'Confirme que esta es su dirección de correo electrónico, para que podamos contactarle sobre su cuenta.',
      ],
      action: { label: 'Confirmar mi dirección', url },
      closing: [
        `El enlace funciona una sola vez y caduca en ${hours} horas.`,
        'Si usted no creó una cuenta, puede ignorar este correo.',
      ],
    }),
  },
});

export const emailChangeVerifyMail = mailTemplate<EmailChangeVerifyData>({
  name: 'account.email-change-verify',
  transactional: true,
  render: {
    en: ({ displayName, email, url, hours }) => ({
      subject: 'Confirm your new email address',
      greeting: `Hello ${displayName},`,
      paragraphs: [
        `You asked to use ${email} for your account. Confirm it to make the change; until then your account keeps its current address.`,
      ],
      action: { label: 'Confirm the new address', url },
      closing: [
        `The link works once and expires in ${hours} hours.`,
        'If you did not ask for this, ignore this mail: nothing will change.',
      ],
    }),
    fr: ({ displayName, email, url, hours }) => ({
      subject: 'Confirmez votre nouvelle adresse e-mail',
      greeting: `Bonjour ${displayName},`,
      paragraphs: [
        `Vous avez demandé à utiliser ${email} pour votre compte. Confirmez-la pour effectuer le changement ; d’ici là, votre compte garde son adresse actuelle.`,
      ],
      action: { label: 'Confirmer la nouvelle adresse', url },
      closing: [
        `Le lien ne fonctionne qu’une fois et expire dans ${hours} heures.`,
        'Si vous n’êtes pas à l’origine de cette demande, ignorez ce message : rien ne changera.',
      ],
    }),
    es: ({ displayName, email, url, hours }) => ({
      subject: 'Confirme su nueva dirección de correo electrónico',
      greeting: `Hola, ${displayName}:`,
      paragraphs: [
        `Ha pedido usar ${email} para su cuenta. Confírmela para hacer el cambio; hasta entonces, su cuenta conserva su dirección actual.`,
      ],
      action: { label: 'Confirmar la nueva dirección', url },
      closing: [
        `El enlace funciona una sola vez y caduca en ${hours} horas.`,
        'Si no lo pidió usted, ignore este correo: no cambiará nada.',
      ],
    }),
  },
});

export const emailChangeRequestedMail = mailTemplate<AddressNoticeData>({
  name: 'account.email-change-requested',
  transactional: true,
  render: {
    en: ({ displayName, maskedEmail, forgotUrl }) => ({
      subject: 'A change of your email address was requested',
      greeting: `Hello ${displayName},`,
      paragraphs: [
        `Someone asked to change the email address of your account to ${maskedEmail}. The change takes effect only once the new address is confirmed.`,
        'If it was not you, reset your password now: whoever asked knows it.',
      ],
      action: { label: 'Reset my password', url: forgotUrl },
      closing: ['If it was you, there is nothing more to do.'],
    }),
    fr: ({ displayName, maskedEmail, forgotUrl }) => ({
      subject: 'Demande de changement de votre adresse e-mail',
      greeting: `Bonjour ${displayName},`,
      paragraphs: [
        `Quelqu’un a demandé à remplacer l’adresse e-mail de votre compte par ${maskedEmail}. Le changement ne prendra effet qu’une fois la nouvelle adresse confirmée.`,
        'Si ce n’était pas vous, réinitialisez votre mot de passe dès maintenant : la personne qui a fait cette demande le connaît.',
      ],
      action: { label: 'Réinitialiser mon mot de passe', url: forgotUrl },
      closing: ['Si c’était vous, vous n’avez rien d’autre à faire.'],
    }),
    es: ({ displayName, maskedEmail, forgotUrl }) => ({
      subject: 'Se ha solicitado cambiar su dirección de correo electrónico',
      greeting: `Hola, ${displayName}:`,
      paragraphs: [
        `Alguien ha pedido cambiar la dirección de correo electrónico de su cuenta a ${maskedEmail}. El cambio solo se aplicará cuando se confirme la nueva dirección.`,
        'Si no fue usted, restablezca su contraseña ahora: quien hizo la solicitud la conoce.',
      ],
      action: { label: 'Restablecer mi contraseña', url: forgotUrl },
      closing: ['Si fue usted, no tiene que hacer nada más.'],
    }),
  },
});

/** To the old address: a reset link would now go to the new one, so the member is sent to the administrators. */
export const emailChangedMail = mailTemplate<MaskedAddressData>({
  name: 'account.email-changed',
  transactional: true,
  render: {
    en: ({ displayName, maskedEmail }) => ({
      subject: 'Your email address was changed',
      greeting: `Hello ${displayName},`,
      paragraphs: [
        `The email address of your account is now ${maskedEmail}. Mail about your account goes there from now on.`,
        'If you did not make this change, contact the administrators of the platform at once.',
      ],
      closing: ['If it was you, there is nothing more to do.'],
    }),
    fr: ({ displayName, maskedEmail }) => ({
      subject: 'Votre adresse e-mail a été modifiée',
      greeting: `Bonjour ${displayName},`,
      paragraphs: [
        `L’adresse e-mail de votre compte est désormais ${maskedEmail}. Les messages concernant votre compte y sont envoyés à partir de maintenant.`,
        'Si vous n’êtes pas à l’origine de ce changement, contactez sans attendre les administrateurs de la plateforme.',
      ],
      closing: ['Si c’était vous, vous n’avez rien d’autre à faire.'],
    }),
    es: ({ displayName, maskedEmail }) => ({
      subject: 'Se ha cambiado su dirección de correo electrónico',
      greeting: `Hola, ${displayName}:`,
      paragraphs: [
        `La dirección de correo electrónico de su cuenta es ahora ${maskedEmail}. A partir de ahora, los correos sobre su cuenta se envían allí.`,
        'Si no hizo usted este cambio, póngase en contacto enseguida con los administradores de la plataforma.',
      ],
      closing: ['Si fue usted, no tiene que hacer nada más.'],
    }),
  },
});

export const emailInUseMail = mailTemplate<EmailInUseData>({
  name: 'account.email-in-use',
  transactional: true,
  render: {
    en: ({ displayName, email, forgotUrl }) => ({
      subject: 'This email address already has an account',
      greeting: `Hello ${displayName},`,
      paragraphs: [
        `You asked to use ${email} for your account, but another account already uses this address, so nothing was changed.`,
        'If that other account is yours and you have forgotten its password, you can choose a new one.',
      ],
      action: { label: 'Choose a new password', url: forgotUrl },
      closing: ['If you did not ask for this, ignore this mail.'],
    }),
    fr: ({ displayName, email, forgotUrl }) => ({
      subject: 'Cette adresse e-mail a déjà un compte',
      greeting: `Bonjour ${displayName},`,
      paragraphs: [
        `Vous avez demandé à utiliser ${email} pour votre compte, mais un autre compte utilise déjà cette adresse : rien n’a donc été modifié.`,
        'Si cet autre compte est le vôtre et que vous avez oublié son mot de passe, vous pouvez en choisir un nouveau.',
      ],
      action: { label: 'Choisir un nouveau mot de passe', url: forgotUrl },
      closing: ['Si vous n’êtes pas à l’origine de cette demande, ignorez ce message.'],
    }),
    es: ({ displayName, email, forgotUrl }) => ({
      subject: 'Esta dirección de correo electrónico ya tiene una cuenta',
      greeting: `Hola, ${displayName}:`,
      paragraphs: [
        `Ha pedido usar ${email} para su cuenta, pero otra cuenta ya usa esta dirección, así que no se ha cambiado nada.`,
        'Si esa otra cuenta es suya y ha olvidado su contraseña, puede elegir una nueva.',
      ],
      action: { label: 'Elegir una nueva contraseña', url: forgotUrl },
      closing: ['Si no lo pidió usted, ignore este correo.'],
    }),
  },
});

export const passwordResetMail = mailTemplate<PasswordResetData>({
  name: 'account.password-reset',
  transactional: true,
  render: {
    en: ({ displayName, url, minutes }) => ({
      subject: 'Choose a new password',
      greeting: `Hello ${displayName},`,
      paragraphs: [
        'Someone (probably you) asked to reset the password of your account. Follow the link to choose a new one.',
      ],
      action: { label: 'Choose a new password', url },
      closing: [
        `The link works once and expires in ${minutes} minutes; asking again makes it void.`,
        'If you did not ask for this, ignore this mail: your password stays as it is.',
      ],
    }),
    fr: ({ displayName, url, minutes }) => ({
      subject: 'Choisissez un nouveau mot de passe',
      greeting: `Bonjour ${displayName},`,
      paragraphs: [
        'Quelqu’un (sans doute vous) a demandé à réinitialiser le mot de passe de votre compte. Suivez le lien pour en choisir un nouveau.',
      ],
      action: { label: 'Choisir un nouveau mot de passe', url },
      closing: [
        `Le lien ne fonctionne qu’une fois et expire dans ${minutes} minutes ; une nouvelle demande l’annule.`,
        'Si vous n’êtes pas à l’origine de cette demande, ignorez ce message : votre mot de passe reste inchangé.',
      ],
    }),
    es: ({ displayName, url, minutes }) => ({
      subject: 'Elija una nueva contraseña',
      greeting: `Hola, ${displayName}:`,
      paragraphs: [
        'Alguien (probablemente usted) ha pedido restablecer la contraseña de su cuenta. Siga el enlace para elegir una nueva.',
      ],
      action: { label: 'Elegir una nueva contraseña', url },
      closing: [
        `El enlace funciona una sola vez y caduca en ${minutes} minutos; una nueva solicitud lo anula.`,
        'Si no lo pidió usted, ignore este correo: su contraseña no cambia.',
      ],
    }),
  },
});

export const passwordChangedMail = mailTemplate<SecurityNoticeData>({
  name: 'account.password-changed',
  transactional: true,
  render: {
    en: ({ displayName, forgotUrl }) => ({
      subject: 'Your password was changed',
      greeting: `Hello ${displayName},`,
      paragraphs: [
        'The password of your account was just changed, and every device signed in to it was signed out.',
        'If it was not you, reset your password at once and contact the administrators of the platform.',
      ],
      action: { label: 'Reset my password', url: forgotUrl },
      closing: ['If it was you, there is nothing more to do.'],
    }),
    fr: ({ displayName, forgotUrl }) => ({
      subject: 'Votre mot de passe a été modifié',
      greeting: `Bonjour ${displayName},`,
      paragraphs: [
        'Le mot de passe de votre compte vient d’être modifié, et tous les appareils qui y étaient connectés ont été déconnectés.',
        'Si ce n’était pas vous, réinitialisez votre mot de passe sans attendre et contactez les administrateurs de la plateforme.',
      ],
      action: { label: 'Réinitialiser mon mot de passe', url: forgotUrl },
      closing: ['Si c’était vous, vous n’avez rien d’autre à faire.'],
    }),
    es: ({ displayName, forgotUrl }) => ({
      subject: 'Se ha cambiado su contraseña',
      greeting: `Hola, ${displayName}:`,
      paragraphs: [
        'La contraseña de su cuenta acaba de cambiarse y se ha cerrado la sesión en todos los dispositivos conectados a ella.',
        'Si no fue usted, restablezca su contraseña enseguida y póngase en contacto con los administradores de la plataforma.',
      ],
      action: { label: 'Restablecer mi contraseña', url: forgotUrl },
      closing: ['Si fue usted, no tiene que hacer nada más.'],
    }),
  },
});

export const ssoLinkedMail = mailTemplate<SsoLinkedData>({
  name: 'account.sso-linked',
  transactional: true,
  render: {
    en: ({ displayName, provider, forgotUrl }) => ({
      subject: `Your account is now linked to ${provider}`,
      greeting: `Hello ${displayName},`,
      paragraphs: [
        `From now on you can sign in to your account through ${provider} (single sign-on).`,
        'If it was not you, reset your password at once and contact the administrators of the platform.',
      ],
      action: { label: 'Reset my password', url: forgotUrl },
      closing: ['If it was you, there is nothing more to do.'],
    }),
    fr: ({ displayName, provider, forgotUrl }) => ({
      subject: `Votre compte est désormais lié à ${provider}`,
      greeting: `Bonjour ${displayName},`,
      paragraphs: [
        `Vous pouvez désormais vous connecter à votre compte via ${provider} (authentification unique).`,
        'Si ce n’était pas vous, réinitialisez votre mot de passe sans attendre et contactez les administrateurs de la plateforme.',
      ],
      action: { label: 'Réinitialiser mon mot de passe', url: forgotUrl },
      closing: ['Si c’était vous, vous n’avez rien d’autre à faire.'],
    }),
    es: ({ displayName, provider, forgotUrl }) => ({
      subject: `Su cuenta está ahora vinculada a ${provider}`,
      greeting: `Hola, ${displayName}:`,
      paragraphs: [
        `A partir de ahora puede iniciar sesión en su cuenta a través de ${provider} (inicio de sesión único).`,
        'Si no fue usted, restablezca su contraseña enseguida y póngase en contacto con los administradores de la plataforma.',
      ],
      action: { label: 'Restablecer mi contraseña', url: forgotUrl },
      closing: ['Si fue usted, no tiene que hacer nada más.'],
    }),
  },
});
