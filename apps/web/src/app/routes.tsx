import { type ComponentType, lazy } from 'react';
import type { RouteObject } from 'react-router';
import { accountRoutes } from '../pages/accounts/routes';
import { communityRoutes } from '../pages/community/routes';
import { consultationRoutes } from '../pages/consultations/routes';
import { forumRoutes } from '../pages/forum/routes';
import { libraryRoutes } from '../pages/library/routes';
import { liveBareRoutes, liveRoutes } from '../pages/live/routes';
import { pledgeRoutes } from '../pages/pledges/routes';
import { sessionRoutes } from '../pages/sessions/routes';
import { BareLayout, Layout } from './Layout';
import { NotFound } from './NotFound';

/**
 * Every page, each loaded with its route, so a page's code and catalogue reach the browser only when it is opened.
 * The attendee and presenter pages have no site header. Areas declare routes with React Router's `lazy`; they run
 * in the declarative router (BrowserRouter + useRoutes, half the data router's weight on the attendee's phone) as
 * React.lazy components, suspended by the layouts.
 */
export const routes: RouteObject[] = declarative([
  { Component: BareLayout, children: liveBareRoutes },
  {
    Component: Layout,
    children: [
      { index: true, lazy: async () => ({ Component: (await import('./Home')).Home }) },
      ...liveRoutes,
      ...sessionRoutes,
      ...forumRoutes,
      ...communityRoutes,
      ...libraryRoutes,
      ...pledgeRoutes,
      ...consultationRoutes,
      ...accountRoutes,
      { path: '*', Component: NotFound },
    ],
  },
]);

function declarative(list: RouteObject[]): RouteObject[] {
  return list.map((route) => {
    const { lazy: lazyRoute, children, ...rest } = route;
    const load = lazyRoute as (() => Promise<{ Component: ComponentType }>) | undefined;
    const withChildren = children ? { ...rest, children: declarative(children) } : rest;
    if (typeof load !== 'function') return withChildren as RouteObject;
    return { ...withChildren, Component: lazy(async () => ({ default: (await load()).Component })) } as RouteObject;
  });
}
