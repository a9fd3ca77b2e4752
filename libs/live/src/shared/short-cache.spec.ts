import { describe, expect, it, jest } from '@jest/globals';
import { ShortCache } from './short-cache.js';

describe('ShortCache', () => {
  it('reads once within its time, again after it or once forgotten, and never keeps a miss', async () => {
    jest.useFakeTimers({ now: 0 });
    try {
      const cache = new ShortCache<string>(1_000);
      const load = jest.fn(async () => 'value');
      await cache.get('a', load);
      await cache.get('a', load);
      expect(load).toHaveBeenCalledTimes(1);
      jest.setSystemTime(1_001);
      await cache.get('a', load);
      expect(load).toHaveBeenCalledTimes(2);
      cache.forget('a');
      await cache.get('a', load);
      expect(load).toHaveBeenCalledTimes(3);
      const missing = jest.fn(async () => null);
      expect(await cache.get('b', missing)).toBeNull();
      expect(await cache.get('b', missing)).toBeNull();
      expect(missing).toHaveBeenCalledTimes(2);
    } finally {
      jest.useRealTimers();
    }
  });
});
