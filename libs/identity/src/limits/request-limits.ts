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

/**
 * The limits that apply to a route only when it names them: registering (an argon2 hash each),
 * asking for password-reset mails, and a new account's threads and posts (spam comes from fresh
 * accounts).
 */
export type RouteLimit = 'register' | 'passwordReset' | 'guestJoin' | 'newThread' | 'newPost';

/** Password-reset requests per address per hour, whatever the addresses asked for (each account has its own mail budget too). */
export const PASSWORD_RESETS_PER_ADDRESS_PER_HOUR = 10;

/** Counts the route against a named budget that other routes do not draw on. */
export const Limited = (limit: RouteLimit) => SetMetadata(LIMITED, limit);

function requestOf(context: ExecutionContext): LimitedRequest {
  return context.switchToHttp().getRequest<LimitedRequest>();
}

const isRead = (context: ExecutionContext) => READS.has(requestOf(context).method ?? 'GET');
const routeLimit = (context: ExecutionContext) =>
  Reflect.getMetadata(LIMITED, context.getHandler()) as RouteLimit | undefined;
const isStaff = (user: Principal | undefined) => user?.role === 'admin' || user?.role === 'moderator';
const byAddress = (request: LimitedRequest) => `address:${request.ip ?? 'unknown'}`;
const byMember = (request: LimitedRequest) => `member:${request.user?.id ?? 'none'}`;

/**
 * The named budgets, each a setting but the password-reset one: registrations per address per
 * hour (a conference venue shares one address), password-reset requests per address per hour,
 * unauthenticated reads per address per minute, authenticated writes per member per minute
 * (admins exempt), and the threads and posts per hour of accounts younger than `newAccountHours`
 * (moderators and admins exempt). A request past a budget is a 429 with Retry-After.
 */
export function requestLimits(config: AppConfig, storage: ThrottlerStorage): ThrottlerModuleOptions {
  const { registerPerHour, guestJoinsPerMinute, publicReadsPerMinute, writesPerMinute } = config.limits;
  const { newAccountHours, newAccountThreadsPerHour, newAccountPostsPerHour } = config.limits;
  const isNewAccount = (user: Principal | undefined) =>
    user !== undefined && !isStaff(user) && Date.now() - new Date(user.createdAt).getTime() < newAccountHours * HOUR_MS;
  const newAccountBudget = (name: RouteLimit, limit: number) => ({
    name,
    ttl: HOUR_MS,
    limit,
    blockDuration: 0,
    getTracker: byMember,
    skipIf: (context: ExecutionContext) => routeLimit(context) !== name || !isNewAccount(requestOf(context).user),
  });
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
        skipIf: (context) => routeLimit(context) !== 'register',
      },
      {
        name: 'passwordReset',
        ttl: HOUR_MS,
        limit: PASSWORD_RESETS_PER_ADDRESS_PER_HOUR,
        blockDuration: 0,
        getTracker: byAddress,
        skipIf: (context) => routeLimit(context) !== 'passwordReset',
      },
      {
        name: 'guestJoin',
        ttl: MINUTE_MS,
        limit: guestJoinsPerMinute,
        blockDuration: 0,
        getTracker: byAddress,
        skipIf: (context) => routeLimit(context) !== 'guestJoin',
      },
      newAccountBudget('newThread', newAccountThreadsPerHour),
      newAccountBudget('newPost', newAccountPostsPerHour),
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
