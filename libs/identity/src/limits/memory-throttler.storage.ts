import type { ThrottlerStorage } from '@nestjs/throttler';
import type { ThrottlerStorageRecord } from '@nestjs/throttler/dist/throttler-storage-record.interface.js';

/** Windows past their end are dropped on the first hit after this much time. */
const SWEEP_EVERY_MS = 60_000;

/**
 * The same fixed windows as RedisThrottlerStorage, for a single instance without Redis: one count
 * and one end time per key, so a hit costs the same however many came before (the throttler's own
 * storage keeps a timestamp per hit and scans them on every request).
 */
export class MemoryThrottlerStorage implements ThrottlerStorage {
  private readonly windows = new Map<string, { hits: number; endsAt: number }>();
  private nextSweep = Date.now() + SWEEP_EVERY_MS;

  async increment(
    key: string,
    ttl: number,
    limit: number,
    _block: number,
    name: string,
  ): Promise<ThrottlerStorageRecord> {
    const now = Date.now();
    if (now >= this.nextSweep) this.sweep(now);
    const id = `${name}:${key}`;
    let window = this.windows.get(id);
    if (!window || window.endsAt <= now) {
      window = { hits: 0, endsAt: now + ttl };
      this.windows.set(id, window);
    }
    window.hits += 1;
    const seconds = Math.max(1, Math.ceil((window.endsAt - now) / 1000));
    const isBlocked = window.hits > limit;
    return { totalHits: window.hits, timeToExpire: seconds, isBlocked, timeToBlockExpire: isBlocked ? seconds : 0 };
  }

  private sweep(now: number): void {
    this.nextSweep = now + SWEEP_EVERY_MS;
    for (const [id, window] of this.windows) if (window.endsAt <= now) this.windows.delete(id);
  }
}
