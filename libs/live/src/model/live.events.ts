import { domainEvent } from '@plenary/core';

/** What live sessions publish, each once the change is stored. */
export const SessionUpdated = domainEvent<{ sessionId: string }>('live.session-updated');
/** A session went live; `registrantIds`: the members registered for it (or its event) who may see it. */
export const SessionStarted = domainEvent<{ sessionId: string; title: string; registrantIds: string[] }>(
  'live.session-started',
);
export const SessionEnded = domainEvent<{ sessionId: string }>('live.session-ended');

/** A question was asked or changed state, text, answer or highlight: the record as stored, and its state before. */
export const QuestionChanged = domainEvent<{ question: QuestionRecordLike; previousState: string | null }>(
  'live.question-changed',
);

/** What QuestionChanged carries: the stored question (the questions folder's QuestionRecord). */
export interface QuestionRecordLike {
  id: string;
  sessionId: string;
  askerKey: string;
  state: string;
}
