import { type ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerLimitDetail } from '@nestjs/throttler';
import { ApiError } from '@plenary/core';

/**
 * @nestjs/throttler's guard, run after authentication (so budgets can tell members from guests),
 * answering in the one error shape with Retry-After. Socket events are limited by their contexts.
 */
@Injectable()
export class RequestLimitsGuard extends ThrottlerGuard {
  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    return context.getType() !== 'http';
  }

  protected override async throwThrottlingException(
    _context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    throw ApiError.tooManyRequests('Too many requests', detail.timeToBlockExpire);
  }
}
