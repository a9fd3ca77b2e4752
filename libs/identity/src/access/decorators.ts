import { applyDecorators, createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Principal } from '../auth/principal.js';
import type { Guest } from '../guests/guest.js';
import type { Action } from './access.service.js';

export const IS_PUBLIC = 'plenary:public';
export const AUTHENTICATED = 'plenary:authenticated';
export const ALLOW_UNVERIFIED = 'plenary:allow-unverified';

/** A permission a route needs whatever document it acts on: an action on a subject type. */
export type Permission = readonly [action: Action, subject: string];

export interface AuthenticatedOptions {
  /**
   * Checked before the handler runs, with the caller's platform-level abilities (no group or
   * session scope). Checks that depend on the document stay in the service.
   */
  permission?: Permission;
  /**
   * Guests are let through as null (read them with @Caller()); a caller who sends a token is still
   * authenticated, and a bad token is a 401, so a client with an expired token refreshes instead
   * of silently seeing the guest view.
   */
  optional?: boolean;
  /**
   * Guests of a live session get through too, with their guest token (read them with @CurrentGuest());
   * the handler checks that the guest acts in their own session.
   */
  guests?: boolean;
}

/**
 * Opens a route (or a controller's routes) to callers without a token. A token sent anyway is
 * ignored. Every route says either @Public() or @Authenticated(); a route that says neither is
 * treated as @Authenticated() (and the conventions spec fails).
 */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** The route needs a signed-in caller, and `permission` when given (see AuthenticatedOptions). */
export const Authenticated = (options: AuthenticatedOptions = {}) =>
  applyDecorators(
    SetMetadata(AUTHENTICATED, options),
    ApiBearerAuth(),
    ...(options.optional ? [] : [ApiUnauthorizedResponse({ description: 'no valid access token' })]),
    ...(options.permission
      ? [ApiForbiddenResponse({ description: `needs the "${options.permission.join(' ')}" permission` })]
      : []),
  );

/**
 * When REQUIRE_EMAIL_VERIFICATION is on, members who have not verified their address may read
 * but not write: every HTTP write and every socket event is refused to them with 403
 * `email_unverified`, except the routes and events marked with this (verifying, signing out,
 * changing the address or language, deleting the account, joining a room to follow it).
 */
export const AllowUnverified = () => SetMetadata(ALLOW_UNVERIFIED, true);

/** The authenticated caller. */
export const CurrentUser = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Principal =>
    context.switchToHttp().getRequest<{ user: Principal }>().user,
);

/** The guest behind a guest token, on a route open to guests; null for a member or a caller without a token. */
export const CurrentGuest = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Guest | null =>
    context.switchToHttp().getRequest<{ guest?: Guest }>().guest ?? null,
);

/** The caller on an optional route: the authenticated principal, or null for a guest. */
export const Caller = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Principal | null =>
    context.switchToHttp().getRequest<{ user?: Principal }>().user ?? null,
);
