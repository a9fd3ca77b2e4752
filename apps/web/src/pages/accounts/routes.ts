import type { RouteObject } from 'react-router';

/** The account pages (most opened from a link in a mail), each loaded with its route. */
export const accountRoutes: RouteObject[] = [
  {
    path: 'forgot-password',
    lazy: async () => ({ Component: (await import('./ForgotPasswordPage')).ForgotPasswordPage }),
  },
  {
    path: 'reset-password',
    lazy: async () => ({ Component: (await import('./ResetPasswordPage')).ResetPasswordPage }),
  },
  { path: 'verify-email', lazy: async () => ({ Component: (await import('./VerifyEmailPage')).VerifyEmailPage }) },
  {
    path: 'invitations/groups/:token',
    lazy: async () => ({ Component: (await import('./InvitationPages')).GroupInvitationPage }),
  },
  {
    path: 'invitations/events/:token',
    lazy: async () => ({ Component: (await import('./InvitationPages')).EventInvitationPage }),
  },
  { path: 'sso/callback', lazy: async () => ({ Component: (await import('./SsoPages')).SsoCallbackPage }) },
  { path: 'sso/link', lazy: async () => ({ Component: (await import('./SsoPages')).SsoLinkPage }) },
  { path: 'unsubscribe', lazy: async () => ({ Component: (await import('./UnsubscribePage')).UnsubscribePage }) },
  { path: 'admin/sso', lazy: async () => ({ Component: (await import('./AdminSsoPage')).AdminSsoPage }) },
];
