import type { RouteObject } from 'react-router';

/** The pledges pages, each loaded with its route (the dashboard, with Chart.js, in a chunk of its own). */
export const pledgeRoutes: RouteObject[] = [
  { path: 'pledges', lazy: async () => ({ Component: (await import('./DashboardPage')).DashboardPage }) },
  { path: 'pledges/browse', lazy: async () => ({ Component: (await import('./PledgeListPage')).PledgeListPage }) },
  { path: 'pledges/new', lazy: async () => ({ Component: (await import('./PledgeFormPage')).PledgeFormPage }) },
  { path: 'pledges/:pledgeId', lazy: async () => ({ Component: (await import('./PledgePage')).PledgePage }) },
  {
    path: 'pledges/:pledgeId/edit',
    lazy: async () => ({ Component: (await import('./PledgeFormPage')).PledgeFormPage }),
  },
];
