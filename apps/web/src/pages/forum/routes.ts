import type { RouteObject } from 'react-router';

/** The forum pages and the notifications, each loaded with its route. */
export const forumRoutes: RouteObject[] = [
  { path: 'forum', lazy: async () => ({ Component: (await import('./ForumHomePage')).ForumHomePage }) },
  { path: 'forum/search', lazy: async () => ({ Component: (await import('./SearchPage')).SearchPage }) },
  { path: 'forum/c/:categoryId', lazy: async () => ({ Component: (await import('./CategoryPage')).CategoryPage }) },
  {
    path: 'forum/c/:categoryId/new',
    lazy: async () => ({ Component: (await import('./NewThreadPage')).NewThreadPage }),
  },
  { path: 'forum/t/:threadId', lazy: async () => ({ Component: (await import('./ThreadPage')).ThreadPage }) },
  {
    path: 'forum/moderation/flags',
    lazy: async () => ({ Component: (await import('./moderation/FlagQueuePage')).FlagQueuePage }),
  },
  {
    path: 'forum/moderation/audit',
    lazy: async () => ({ Component: (await import('./moderation/AuditLogPage')).AuditLogPage }),
  },
  {
    path: 'notifications',
    lazy: async () => ({ Component: (await import('./notifications/NotificationsPage')).NotificationsPage }),
  },
];
