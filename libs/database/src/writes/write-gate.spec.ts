import { describe, expect, it } from '@jest/globals';
import { WriteGate } from './write-gate.js';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('WriteGate', () => {
  it('lets one write per namespace through at a time, in arrival order', async () => {
    const gate = new WriteGate();
    const order: string[] = [];
    const first = await gate.acquire('db.things');
    const second = gate.acquire('db.things').then((release) => {
      order.push('second');
      return release;
    });
    const third = gate.acquire('db.things').then((release) => {
      order.push('third');
      return release;
    });
    await tick();
    expect(order).toEqual([]);
    first();
    (await second)();
    (await third)();
    expect(order).toEqual(['second', 'third']);
    expect(gate.busy).toBe(0);
  });

  it('keeps namespaces apart', async () => {
    const gate = new WriteGate();
    const things = await gate.acquire('db.things');
    const others = await gate.acquire('db.others');
    expect(gate.busy).toBe(2);
    things();
    others();
    expect(gate.busy).toBe(0);
  });
});
