import { Injectable, Logger } from '@nestjs/common';

/**
 * A kind of domain event, declared once by the context that publishes it and imported from that
 * context's index by those that subscribe: `export const AccountSuspended = domainEvent<{ userId:
 * string }>('account.suspended')`. The payload type travels with the declaration.
 */
export interface DomainEvent<Payload> {
  readonly type: string;
  /** Never set: carries the payload type. */
  readonly payload?: Payload;
}

export type DomainEventHandler<Payload> = (payload: Payload) => Promise<void> | void;

const declared = new Set<string>();

export function domainEvent<Payload>(type: string): DomainEvent<Payload> {
  if (declared.has(type)) throw new Error(`the domain event ${type} is declared twice`);
  declared.add(type);
  return { type };
}

/**
 * The in-process port between contexts: a context publishes what happened once the write is
 * stored; others subscribe by kind, so no context imports another to tell it. Delivery is awaited
 * (what a subscriber does is done when `publish` returns), in subscription order; a subscriber
 * that fails is logged and does not undo the write or stop the others.
 */
@Injectable()
export class DomainEvents {
  private readonly logger = new Logger(DomainEvents.name);
  private readonly handlers = new Map<string, { subscriber: string; handle: DomainEventHandler<never> }[]>();

  subscribe<Payload>(event: DomainEvent<Payload>, subscriber: string, handle: DomainEventHandler<Payload>): void {
    const handlers = this.handlers.get(event.type) ?? [];
    handlers.push({ subscriber, handle: handle as DomainEventHandler<never> });
    this.handlers.set(event.type, handlers);
  }

  async publish<Payload>(event: DomainEvent<Payload>, payload: Payload): Promise<void> {
    for (const { subscriber, handle } of this.handlers.get(event.type) ?? []) {
      try {
        await handle(payload as never);
      } catch (error) {
        this.logger.error(
          { err: error, event: event.type, subscriber },
          `${subscriber} failed to handle ${event.type}`,
        );
      }
    }
  }
}
