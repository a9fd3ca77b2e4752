import type { RouteObject } from 'react-router';

/** The sessions pages, each loaded with its route. */
export const sessionRoutes: RouteObject[] = [
  { path: 'sessions', lazy: async () => ({ Component: (await import('./SessionsPage')).SessionsPage }) },
  { path: 'sessions/new', lazy: async () => ({ Component: (await import('./SessionFormPage')).SessionFormPage }) },
  { path: 'sessions/:sessionId', lazy: async () => ({ Component: (await import('./SessionPage')).SessionPage }) },
  {
    path: 'sessions/:sessionId/edit',
    lazy: async () => ({ Component: (await import('./SessionFormPage')).SessionFormPage }),
  },
  { path: 'events/new', lazy: async () => ({ Component: (await import('./EventFormPage')).EventFormPage }) },
  { path: 'events/:eventId', lazy: async () => ({ Component: (await import('./EventPage')).EventPage }) },
  { path: 'events/:eventId/edit', lazy: async () => ({ Component: (await import('./EventFormPage')).EventFormPage }) },
];
