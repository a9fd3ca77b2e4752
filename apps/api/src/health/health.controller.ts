import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { SkipThrottle } from '@nestjs/throttler';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { DatabaseHealth, RedisConnection } from '@plenary/database';
import { Public } from '@plenary/identity';
import type { Response } from 'express';

type Check = 'up' | 'down' | 'not configured';

export interface Readiness {
  status: 'ready' | 'not ready';
  checks: { database: Check; redis: Check };
}

@ApiTags('health')
@Public()
// Load balancers and orchestrators probe it often, from few addresses.
@SkipThrottle({ publicReads: true })
@Controller('health')
export class HealthController {
  constructor(
    private readonly database: DatabaseHealth,
    private readonly redis: RedisConnection,
  ) {}

  /** Liveness: the process serves requests. */
  @Get()
  @ApiOkResponse({ description: 'the process is alive' })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Readiness: the database (and Redis, when configured) answer now. 503 otherwise. */
  @Get('ready')
  @ApiOkResponse({ description: 'ready to serve' })
  @ApiServiceUnavailableResponse({ description: 'a dependency is down' })
  async ready(@Res({ passthrough: true }) response: Response): Promise<Readiness> {
    const [database, redis] = await Promise.all([this.database.isUp(), this.redis.isUp()]);
    const checks: Readiness['checks'] = {
      database: database ? 'up' : 'down',
      redis: this.redis.configured ? (redis ? 'up' : 'down') : 'not configured',
    };
    const ready = database && redis;
    if (!ready) response.status(HttpStatus.SERVICE_UNAVAILABLE);
    return { status: ready ? 'ready' : 'not ready', checks };
  }
}
