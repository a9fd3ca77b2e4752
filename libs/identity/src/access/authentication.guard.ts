import { type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { ApiError } from '@plenary/core';
import type { Principal } from '../auth/principal.js';
import type { PlatformRole } from '../users/user.schema.js';
import { IS_PUBLIC, REQUIRED_ROLES } from './decorators.js';

/** The one global guard: a valid access token on every route but @Public ones, and @Roles checked. */
@Injectable()
export class AuthenticationGuard extends AuthGuard('jwt') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    // APP_GUARD also runs on gateway events, which carry no HTTP request: sockets are authenticated
    // once, at the handshake (PlenaryIoAdapter), so only HTTP requests are checked here.
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    await super.canActivate(context);
    const roles = this.reflector.getAllAndOverride<PlatformRole[] | undefined>(REQUIRED_ROLES, targets);
    const principal = context.switchToHttp().getRequest<{ user: Principal }>().user;
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
}
