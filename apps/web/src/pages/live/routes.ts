import type { RouteObject } from 'react-router';

/** Live pages without the site header: joining, the attendee's view, the presenter screen. */
export const liveBareRoutes: RouteObject[] = [
  { path: 'j/:code', lazy: async () => ({ Component: (await import('./JoinPage')).JoinPage }) },
  { path: 'live/:sessionId', lazy: async () => ({ Component: (await import('./AttendeePage')).AttendeePage }) },
  {
    path: 'live/:sessionId/present',
    lazy: async () => ({ Component: (await import('./PresenterPage')).PresenterPage }),
  },
];

/** Live pages inside the site frame: the moderator console. */
export const liveRoutes: RouteObject[] = [
  {
    path: 'live/:sessionId/moderate',
    lazy: async () => ({ Component: (await import('./ModeratorPage')).ModeratorPage }),
  },
];
