import { type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { ApiError } from '@plenary/core';
import type { Principal } from '../auth/principal.js';
import type { PlatformRole } from '../users/user.schema.js';
import { IS_PUBLIC, OPTIONAL_AUTH, REQUIRED_ROLES } from './decorators.js';

/**
 * The one global guard, for HTTP routes and socket events alike: a caller is required unless the
 * handler is @Public, and @Roles restricts to platform roles. HTTP callers present an access token
 * on each request; sockets were authenticated at the handshake, which left the principal on them.
 */
@Injectable()
export class AuthenticationGuard extends AuthGuard('jwt') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    if (this.reflector.getAllAndOverride<boolean>(OPTIONAL_AUTH, targets)) {
      if (context.getType() === 'http' && hasBearerToken(context)) await this.httpPrincipal(context);
      return true;
    }
    const principal = context.getType() === 'ws' ? socketPrincipal(context) : await this.httpPrincipal(context);
    const roles = this.reflector.getAllAndOverride<PlatformRole[] | undefined>(REQUIRED_ROLES, targets);
    if (roles && !roles.includes(principal.role)) {
      throw ApiError.forbidden(`This needs one of the platform roles: ${roles.join(', ')}`);
    }
    return true;
  }

  override handleRequest<T = Principal>(error: unknown, principal: T | false, info: unknown): T {
    if (error) throw error;
    if (!principal) {
      const missing = info instanceof Error && info.message === 'No auth token';
      throw ApiError.unauthorized(missing ? 'An access token is required' : 'The access token is invalid or expired');
    }
    return principal;
  }

  private async httpPrincipal(context: ExecutionContext): Promise<Principal> {
    await super.canActivate(context);
    return context.switchToHttp().getRequest<{ user: Principal }>().user;
  }
}

function hasBearerToken(context: ExecutionContext): boolean {
  const header = context.switchToHttp().getRequest<{ headers: Record<string, unknown> }>().headers.authorization;
  return typeof header === 'string' && header.length > 0;
}

function socketPrincipal(context: ExecutionContext): Principal {
  const principal = context.switchToWs().getClient<{ data?: { user?: Principal } }>().data?.user;
  if (!principal) throw ApiError.unauthorized('This socket is not authenticated');
  return principal;
}
