import { type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { ThrottlerModuleOptions, ThrottlerStorage } from '@nestjs/throttler';
import type { AppConfig } from '@plenary/core';
import type { Principal } from '../auth/principal.js';

const LIMITED = 'plenary:limited';
const READS = new Set(['GET', 'HEAD', 'OPTIONS']);
const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

interface LimitedRequest {
  method?: string;
  ip?: string;
  user?: Principal;
}

/** The limits that apply to a route only when it names them: each costs real work (an argon2 hash). */
export type RouteLimit = 'register';

/** Counts the route against a named budget that other routes do not draw on. */
export const Limited = (limit: RouteLimit) => SetMetadata(LIMITED, limit);

function requestOf(context: ExecutionContext): LimitedRequest {
  return context.switchToHttp().getRequest<LimitedRequest>();
}

const isRead = (context: ExecutionContext) => READS.has(requestOf(context).method ?? 'GET');
const byAddress = (request: LimitedRequest) => `address:${request.ip ?? 'unknown'}`;
const byMember = (request: LimitedRequest) => `member:${request.user?.id ?? 'none'}`;

/**
 * The named budgets, each a setting: registrations per address per hour (a conference venue
 * shares one address), unauthenticated reads per address per minute, authenticated writes per
 * member per minute (admins exempt). A request past a budget is a 429 with Retry-After.
 */
export function requestLimits(config: AppConfig, storage: ThrottlerStorage): ThrottlerModuleOptions {
  const { registerPerHour, publicReadsPerMinute, writesPerMinute } = config.limits;
  return {
    storage,
    setHeaders: false,
    throttlers: [
      {
        name: 'register',
        ttl: HOUR_MS,
        limit: registerPerHour,
        blockDuration: 0,
        getTracker: byAddress,
        skipIf: (context) => Reflect.getMetadata(LIMITED, context.getHandler()) !== 'register',
      },
      {
        name: 'publicReads',
        ttl: MINUTE_MS,
        limit: publicReadsPerMinute,
        blockDuration: 0,
        getTracker: byAddress,
        skipIf: (context) => !isRead(context) || requestOf(context).user !== undefined,
      },
      {
        name: 'writes',
        ttl: MINUTE_MS,
        limit: writesPerMinute,
        blockDuration: 0,
        getTracker: byMember,
        skipIf: (context) => isRead(context) || !requestOf(context).user || requestOf(context).user?.role === 'admin',
      },
    ],
  };
}
