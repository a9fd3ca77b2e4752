import { domainEvent } from '@plenary/core';

/** What live sessions publish, each once the change is stored. */
export const SessionUpdated = domainEvent<{ sessionId: string }>('live.session-updated');
/** A session went live; `registrantIds`: the members registered for it (or its event) who may see it. */
export const SessionStarted = domainEvent<{ sessionId: string; title: string; registrantIds: string[] }>(
  'live.session-started',
);
export const SessionEnded = domainEvent<{ sessionId: string }>('live.session-ended');
