import { describe, expect, it, jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { domainEvent, DomainEvents } from './domain-events.js';

const Happened = domainEvent<{ value: number }>('test.happened');

describe('DomainEvents', () => {
  it('delivers a published event to every subscriber of its kind, in order, before publish returns', async () => {
    const events = new DomainEvents();
    const seen: string[] = [];
    events.subscribe(Happened, 'first', async ({ value }) => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      seen.push(`first ${value}`);
    });
    events.subscribe(Happened, 'second', ({ value }) => {
      seen.push(`second ${value}`);
    });
    await events.publish(Happened, { value: 7 });
    expect(seen).toEqual(['first 7', 'second 7']);
  });

  it('keeps delivering when one subscriber fails, logs it, and does not fail the publisher', async () => {
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const events = new DomainEvents();
    const seen: number[] = [];
    events.subscribe(Happened, 'broken', () => {
      throw new Error('boom');
    });
    events.subscribe(Happened, 'working', ({ value }) => {
      seen.push(value);
    });
    await expect(events.publish(Happened, { value: 1 })).resolves.toBeUndefined();
    expect(seen).toEqual([1]);
    expect(logged).toHaveBeenCalledWith(
      expect.objectContaining({ event: 'test.happened', subscriber: 'broken' }),
      'broken failed to handle test.happened',
    );
    logged.mockRestore();
  });

  it('delivers only to subscribers of that kind', async () => {
    const Other = domainEvent<{ value: number }>('test.other');
    const events = new DomainEvents();
    const seen: number[] = [];
    events.subscribe(Other, 'other', ({ value }) => {
      seen.push(value);
    });
    await events.publish(Happened, { value: 2 });
    expect(seen).toEqual([]);
  });

  it('refuses to declare one kind twice', () => {
    expect(() => domainEvent('test.happened')).toThrow('declared twice');
  });
});
