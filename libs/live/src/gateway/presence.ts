import { randomUUID } from 'node:crypto';
import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { RedisConnection } from '@plenary/database';

/** How often attendee counts are published, at most. */
const PRESENCE_INTERVAL_MS = 1_000;
/** An instance that stops refreshing its share drops out of the counts after this. */
const SHARE_TTL_SECONDS = 10;

type Publish = (sessionId: string, count: number) => void;

/**
 * Attendee counts per session that see every instance: each instance counts its own sockets in
 * the session's room and, with Redis, keeps its share in a hash per session (refreshed every
 * second; the share of an instance that stopped refreshing it is dropped); the count is the sum of
 * the live shares. A changed count is
 * published at most once a second.
 */
@Injectable()
export class Presence implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(Presence.name);
  private readonly instance = randomUUID();
  private readonly local = new Map<string, number>();
  private readonly published = new Map<string, number>();
  private timer?: NodeJS.Timeout;
  private publish: Publish = () => undefined;
  private running = false;

  constructor(private readonly redis: RedisConnection) {}

  onModuleInit(): void {
    this.timer = setInterval(() => void this.tick(), PRESENCE_INTERVAL_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  onChange(publish: Publish): void {
    this.publish = publish;
  }

  /** This instance's sockets in the session's room now. */
  setLocal(sessionId: string, count: number): void {
    this.local.set(sessionId, count);
  }

  async count(sessionId: string): Promise<number> {
    const client = this.redis.client;
    const mine = this.local.get(sessionId) ?? 0;
    if (!client?.isReady) return mine;
    const now = Date.now();
    await client.hSet(key(sessionId), this.instance, `${mine}:${now}`);
    await client.expire(key(sessionId), SHARE_TTL_SECONDS);
    let total = 0;
    const stale: string[] = [];
    for (const [instance, share] of Object.entries(await client.hGetAll(key(sessionId)))) {
      const [count, at] = share.split(':').map(Number);
      if (now - at > SHARE_TTL_SECONDS * 1000) stale.push(instance);
      else total += count;
    }
    if (stale.length > 0) await client.hDel(key(sessionId), stale);
    return total;
  }

  private async tick(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      for (const [sessionId, mine] of [...this.local]) {
        const total = await this.count(sessionId);
        if (mine === 0) this.local.delete(sessionId);
        if (this.published.get(sessionId) === total) continue;
        this.published.set(sessionId, total);
        this.publish(sessionId, total);
      }
    } catch (error) {
      this.logger.warn(`attendee counts not published: ${String(error)}`);
    } finally {
      this.running = false;
    }
  }
}

function key(sessionId: string): string {
  return `plenary:live:presence:${sessionId}`;
}
