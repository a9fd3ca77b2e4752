import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { MemoryThrottlerStorage } from './memory-throttler.storage.js';

describe('MemoryThrottlerStorage', () => {
  afterEach(() => {
    jest.useRealTimers();
  });

  it('counts hits in a fixed window, refuses past the limit until the window ends, then starts over', async () => {
    jest.useFakeTimers({ now: new Date('2026-11-25T10:00:00Z') });
    const storage = new MemoryThrottlerStorage();
    const hit = () => storage.increment('address:10.0.0.1', 60_000, 2, 0, 'publicReads');
    expect(await hit()).toEqual({ totalHits: 1, timeToExpire: 60, isBlocked: false, timeToBlockExpire: 0 });
    expect((await hit()).isBlocked).toBe(false);
    jest.advanceTimersByTime(20_000);
    expect(await hit()).toEqual({ totalHits: 3, timeToExpire: 40, isBlocked: true, timeToBlockExpire: 40 });
    jest.advanceTimersByTime(40_000);
    expect(await hit()).toMatchObject({ totalHits: 1, isBlocked: false });
  });

  it('keeps budgets and keys apart', async () => {
    const storage = new MemoryThrottlerStorage();
    await storage.increment('address:a', 60_000, 1, 0, 'register');
    expect((await storage.increment('address:a', 60_000, 1, 0, 'publicReads')).isBlocked).toBe(false);
    expect((await storage.increment('address:b', 60_000, 1, 0, 'register')).isBlocked).toBe(false);
    expect((await storage.increment('address:a', 60_000, 1, 0, 'register')).isBlocked).toBe(true);
  });
});
