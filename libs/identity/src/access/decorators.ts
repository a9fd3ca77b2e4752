import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Principal } from '../auth/principal.js';
import type { PlatformRole } from '../users/user.schema.js';

export const IS_PUBLIC = 'plenary:public';
export const REQUIRED_ROLES = 'plenary:roles';
export const OPTIONAL_AUTH = 'plenary:optional-auth';

/** Opens a route to callers without a token (a token sent anyway is ignored). Every other route requires one. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/**
 * Opens a route to guests while still knowing a caller who sends a token (a bad token is a 401,
 * so a client with an expired token refreshes instead of silently seeing the guest view).
 * Read the caller with @Caller().
 */
export const OptionalAuth = () => SetMetadata(OPTIONAL_AUTH, true);

/** Restricts a route to these platform roles. */
export const Roles = (...roles: PlatformRole[]) => SetMetadata(REQUIRED_ROLES, roles);

/** The authenticated caller. */
export const CurrentUser = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Principal =>
    context.switchToHttp().getRequest<{ user: Principal }>().user,
);

/** The caller on an @OptionalAuth route: the authenticated principal, or null for a guest. */
export const Caller = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Principal | null =>
    context.switchToHttp().getRequest<{ user?: Principal }>().user ?? null,
);
