import type { RouteObject } from 'react-router';

/** The community pages, each loaded with its route. */
export const communityRoutes: RouteObject[] = [
  { path: 'signin', lazy: async () => ({ Component: (await import('./SignInPage')).SignInPage }) },
  { path: 'register', lazy: async () => ({ Component: (await import('./RegisterPage')).RegisterPage }) },
  { path: 'profile', lazy: async () => ({ Component: (await import('./ProfilePage')).ProfilePage }) },
  { path: 'members/:id', lazy: async () => ({ Component: (await import('./MemberPage')).MemberPage }) },
  { path: 'directory', lazy: async () => ({ Component: (await import('./DirectoryPage')).DirectoryPage }) },
  { path: 'groups', lazy: async () => ({ Component: (await import('./GroupsPage')).GroupsPage }) },
  { path: 'groups/:id', lazy: async () => ({ Component: (await import('./GroupPage')).GroupPage }) },
];
