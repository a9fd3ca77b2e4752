import { useCallback } from 'react';
import { ApiError, type FieldProblem } from '../../api/http';
import type { DismissReason, Question, QuestionState } from './live-types';
import type { LiveRoom } from './useLiveSession';

export type Moderation =
  | { action: 'approve' | 'highlight' | 'unhighlight' | 'restore' }
  | { action: 'dismiss'; reason: DismissReason; note?: string }
  | { action: 'answer'; answer?: string }
  | { action: 'edit'; text: string }
  | { action: 'merge'; intoQuestionId: string };

/** An acknowledgement's refusal as the API's error, so that forms show its field problems like an HTTP one's. */
export function ackError(error: {
  code: string;
  message: string;
  details?: FieldProblem[];
  statusCode?: number;
}): ApiError {
  return new ApiError(error.statusCode ?? 400, error.code, error.message, error.details ?? []);
}

/** The socket is down: what a network failure of `api()` is. */
export const offline = () => new ApiError(0, 'network', 'offline');

/** Sends one moderation over `question:moderate`; null when done (the changed question is merged at once). */
export function useModerate(live: Pick<LiveRoom, 'emit' | 'upsertQuestion'>) {
  const { emit, upsertQuestion } = live;
  return useCallback(
    async (questionId: string, moderation: Moderation): Promise<ApiError | null> => {
      try {
        const answer = await emit<Question>('question:moderate', { questionId, ...moderation });
        if (!answer.ok) return ackError(answer.error);
        upsertQuestion(answer.data);
        return null;
      } catch {
        return offline();
      }
    },
    [emit, upsertQuestion],
  );
}

/** The console's filters over the questions' states. */
export const FILTERS = ['incoming', 'live', 'answered', 'dismissed', 'other'] as const;
export type Filter = (typeof FILTERS)[number];

const STATES_OF: Record<Filter, readonly QuestionState[]> = {
  incoming: ['pending'],
  live: ['approved'],
  answered: ['answered'],
  dismissed: ['dismissed'],
  other: ['merged', 'withdrawn'],
};

/** The questions of one filter, in the order a moderator works through them. */
export function questionsOf(questions: Question[], filter: Filter): Question[] {
  const states = STATES_OF[filter];
  const chosen = questions.filter((question) => states.includes(question.state));
  switch (filter) {
    case 'incoming':
      // First come, first reviewed.
      return chosen.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    case 'live':
      return chosen.sort(
        (a, b) =>
          Number(b.highlighted) - Number(a.highlighted) || b.votes - a.votes || a.createdAt.localeCompare(b.createdAt),
      );
    case 'answered':
      return chosen.sort((a, b) => (b.answeredAt ?? b.createdAt).localeCompare(a.answeredAt ?? a.createdAt));
    default:
      return chosen.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }
}

export function countsOf(questions: Question[]): Record<Filter, number> {
  const counts: Record<Filter, number> = { incoming: 0, live: 0, answered: 0, dismissed: 0, other: 0 };
  for (const question of questions) {
    const filter = FILTERS.find((name) => STATES_OF[name].includes(question.state));
    if (filter) counts[filter] += 1;
  }
  return counts;
}

/** Saves what the API answered as a file (exports), through a Blob and a link with `download`. */
export function saveFile(body: unknown, filename: string, type: string): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body, null, 2);
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A file name from a title: "Labour mobility webinar" → "labour-mobility-webinar". */
export function slug(title: string): string {
  return (
    title
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'session'
  );
}
