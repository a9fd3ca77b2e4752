import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DomainEvents } from '@plenary/core';
import { SessionStarted } from '@plenary/live';
import { Notifier } from '../notifications/notifier.js';

type SessionStartedEvent = NonNullable<(typeof SessionStarted)['payload']>;

/**
 * A session went live, to each member registered for it (or for its event), named by its title.
 * Live already keeps to the registrants who may see the session now; nobody in particular acted
 * (actor null).
 */
@Injectable()
export class LiveNotifications implements OnModuleInit {
  constructor(
    private readonly events: DomainEvents,
    private readonly notifier: Notifier,
  ) {}

  onModuleInit(): void {
    this.events.subscribe(SessionStarted, LiveNotifications.name, (session) => this.sessionStarted(session));
  }

  async sessionStarted({ sessionId, title, registrantIds }: SessionStartedEvent): Promise<void> {
    if (registrantIds.length === 0) return;
    await this.notifier.notify(
      registrantIds.map((recipientId) => ({
        recipientId,
        kind: 'session_live',
        actorId: null,
        sessionId,
        text: title,
      })),
    );
  }
}
