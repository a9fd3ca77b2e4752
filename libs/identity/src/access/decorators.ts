import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Principal } from '../auth/principal.js';
import type { PlatformRole } from '../users/user.schema.js';

export const IS_PUBLIC = 'plenary:public';
export const REQUIRED_ROLES = 'plenary:roles';

/**
 * Opens a route to callers without a token. Every other route requires one. A caller who does
 * send a token on a public route is authenticated, and is read with @Caller().
 */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** Restricts a route to these platform roles. */
export const Roles = (...roles: PlatformRole[]) => SetMetadata(REQUIRED_ROLES, roles);

/** The authenticated caller. */
export const CurrentUser = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Principal =>
    context.switchToHttp().getRequest<{ user: Principal }>().user,
);

/** The caller on a @Public route: the authenticated principal, or null for a guest. */
export const Caller = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Principal | null =>
    context.switchToHttp().getRequest<{ user?: Principal }>().user ?? null,
);
