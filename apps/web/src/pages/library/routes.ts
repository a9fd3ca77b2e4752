import type { RouteObject } from 'react-router';

/** The library pages: the catalogues, a resource or an initiative, their forms and the review queues, each loaded with its route. */
export const libraryRoutes: RouteObject[] = [
  { path: 'library', lazy: async () => ({ Component: (await import('./CataloguePage')).CataloguePage }) },
  { path: 'library/submit', lazy: async () => ({ Component: (await import('./ResourceFormPage')).ResourceFormPage }) },
  { path: 'library/reviews', lazy: async () => ({ Component: (await import('./ReviewsPage')).ReviewsPage }) },
  { path: 'library/r/:id', lazy: async () => ({ Component: (await import('./ResourcePage')).ResourcePage }) },
  {
    path: 'library/r/:id/edit',
    lazy: async () => ({ Component: (await import('./ResourceFormPage')).ResourceFormPage }),
  },
  {
    path: 'library/initiatives',
    lazy: async () => ({ Component: (await import('./CataloguePage')).InitiativeCataloguePage }),
  },
  {
    path: 'library/initiatives/new',
    lazy: async () => ({ Component: (await import('./InitiativeFormPage')).InitiativeFormPage }),
  },
  { path: 'library/i/:id', lazy: async () => ({ Component: (await import('./ResourcePage')).InitiativePage }) },
  {
    path: 'library/i/:id/edit',
    lazy: async () => ({ Component: (await import('./InitiativeFormPage')).InitiativeFormPage }),
  },
];
