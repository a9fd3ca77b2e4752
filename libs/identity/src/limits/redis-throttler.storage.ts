import type { ThrottlerStorage } from '@nestjs/throttler';
import type { ThrottlerStorageRecord } from '@nestjs/throttler/dist/throttler-storage-record.interface.js';
import type { RedisClient } from '@plenary/database';

/**
 * One fixed window per key: the first hit starts it, every hit counts, and past the limit the key
 * is refused until the window ends. One round trip, atomic on the Redis server, so a limit holds
 * across every instance that shares the Redis.
 */
const COUNT_HIT = `
local hits = redis.call('INCR', KEYS[1])
if hits == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
return { hits, ttl }
`;

/**
 * Request-limit counters in Redis, for @nestjs/throttler (its maintained Redis storages need the
 * ioredis client; this is the one script they run, on the node-redis client we already hold).
 */
export class RedisThrottlerStorage implements ThrottlerStorage {
  constructor(
    private readonly redis: RedisClient,
    private readonly prefix = 'plenary:limits:',
  ) {}

  async increment(
    key: string,
    ttl: number,
    limit: number,
    _block: number,
    name: string,
  ): Promise<ThrottlerStorageRecord> {
    const [hits, remainingMs] = (await this.redis.eval(COUNT_HIT, {
      keys: [`${this.prefix}${name}:${key}`],
      arguments: [String(ttl)],
    })) as [number, number];
    const seconds = Math.max(1, Math.ceil(remainingMs / 1000));
    const isBlocked = hits > limit;
    return { totalHits: hits, timeToExpire: seconds, isBlocked, timeToBlockExpire: isBlocked ? seconds : 0 };
  }
}
