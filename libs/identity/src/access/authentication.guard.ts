import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiError } from '@plenary/core';
import type { Request, Response } from 'express';
import type { Principal } from '../auth/principal.js';
import type { Guest } from '../guests/guest.js';
import { GuestTokens } from '../guests/guest-tokens.js';
import { AccessService } from './access.service.js';
import { AppPassport } from './app-passport.js';
import { AUTHENTICATED, type AuthenticatedOptions, IS_PUBLIC } from './decorators.js';

/**
 * The one global guard, for HTTP routes and socket events alike: a caller is required unless the
 * handler is @Public or @Authenticated({ optional }), and a declared permission is checked with
 * the access component. HTTP callers present an access token on each request; sockets were
 * authenticated at the handshake, which left the principal on them.
 */
@Injectable()
export class AuthenticationGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly access: AccessService,
    private readonly guests: GuestTokens,
    private readonly passport: AppPassport,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const options = this.reflector.getAllAndOverride<AuthenticatedOptions | undefined>(AUTHENTICATED, targets) ?? {};
    let principal: Principal | null;
    if (context.getType() === 'ws') principal = socketPrincipal(context, options);
    else if (options.guests && (await this.admitGuest(context))) principal = null;
    else if (options.optional && !bearerToken(context)) principal = null;
    else principal = await this.httpPrincipal(context);
    if (options.permission) {
      const [action, subject] = options.permission;
      if (!this.access.can(principal, action, subject)) {
        if (!principal) throw ApiError.unauthorized('An access token is required');
        throw ApiError.forbidden(`This needs the "${action} ${subject}" permission`);
      }
    }
    return true;
  }

  /** Leaves the guest on the request when the bearer token is a guest token. */
  private async admitGuest(context: ExecutionContext): Promise<boolean> {
    const token = bearerToken(context);
    const guest = token ? await this.guests.verify(token) : null;
    if (guest) context.switchToHttp().getRequest<{ guest?: Guest }>().guest = guest;
    return guest !== null;
  }

  private async httpPrincipal(context: ExecutionContext): Promise<Principal> {
    const http = context.switchToHttp();
    const request = http.getRequest<Request & { user?: Principal }>();
    const { user, info } = await this.passport.authenticate<Principal>('jwt', request, http.getResponse<Response>());
    if (!user) {
      const missing = info instanceof Error && info.message === 'No auth token';
      throw ApiError.unauthorized(missing ? 'An access token is required' : 'The access token is invalid or expired');
    }
    request.user = user;
    return user;
  }
}

function bearerToken(context: ExecutionContext): string | null {
  const header = context.switchToHttp().getRequest<{ headers: Record<string, unknown> }>().headers.authorization;
  if (typeof header !== 'string' || header.length === 0) return null;
  return header.replace(/^Bearer\s+/i, '');
}

/** The socket's member; null for a guest where guests are admitted (the handshake left one or the other). */
function socketPrincipal(context: ExecutionContext, options: AuthenticatedOptions): Principal | null {
  const data = context.switchToWs().getClient<{ data?: { user?: Principal; guest?: Guest } }>().data;
  if (data?.user) return data.user;
  if (data?.guest) {
    if (options.guests) return null;
    throw ApiError.forbidden('A guest token is valid only in its live session');
  }
  throw ApiError.unauthorized('This socket is not authenticated');
}
