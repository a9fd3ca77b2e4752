import { type CanActivate, type ExecutionContext, HttpStatus, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiError, AppConfig } from '@plenary/core';
import { ALLOW_UNVERIFIED } from '../access/decorators.js';
import type { Principal } from '../auth/principal.js';
import { UsersService } from '../users/users.service.js';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

const unverified = () =>
  new ApiError(
    HttpStatus.FORBIDDEN,
    'Confirm your email address first: follow the link mailed to you, or ask for another one',
    [],
    {},
    'email_unverified',
  );

/**
 * With REQUIRE_EMAIL_VERIFICATION on, members who have not verified their address read but do not
 * write: HTTP writes and socket events are refused with 403 `email_unverified`, except those
 * marked @AllowUnverified(). Runs after the authentication guard, which found the caller.
 */
@Injectable()
export class EmailVerificationGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly config: AppConfig,
    private readonly users: UsersService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (!this.config.accounts.requireEmailVerification) return true;
    if (this.reflector.getAllAndOverride<boolean>(ALLOW_UNVERIFIED, [context.getHandler(), context.getClass()])) {
      return true;
    }
    if (context.getType() === 'ws') return this.admitSocket(context);
    const request = context.switchToHttp().getRequest<{ method?: string; user?: Principal }>();
    if (READS.has(request.method ?? 'GET') || !request.user || request.user.emailVerified) return true;
    throw unverified();
  }

  /**
   * A socket keeps the principal of its handshake: an unverified one is looked up again, since
   * the member may have followed their link since, and the socket then keeps the fresh one.
   */
  private async admitSocket(context: ExecutionContext): Promise<boolean> {
    const data = context.switchToWs().getClient<{ data?: { user?: Principal } }>().data;
    if (!data?.user || data.user.emailVerified) return true;
    const current = await this.users.principalOf(data.user.id);
    if (!current?.emailVerified) throw unverified();
    data.user = current;
    return true;
  }
}
