import { stringify } from 'csv-stringify/sync';
import { spreadsheetSafe } from '@plenary/core';
import { DISMISS_REASONS, type DismissReason, type QuestionState } from '../model/live-kinds.js';
import type { QuestionRecord } from '../questions/question.schema.js';

/** How a question's asker is named outside the live room: an anonymous one by their pseudonym only. */
export type AskerNamer = (question: QuestionRecord) => string;

/** The asker as an export or a carried post names them: the session's pseudonym when anonymous, else the name they asked under. */
export function askerLabel(
  question: QuestionRecord,
  pseudonymOf: (sessionId: string, askerKey: string) => string,
): string {
  return question.anonymous ? pseudonymOf(question.sessionId, question.askerKey) : question.authorName;
}

/** Each question counts once, in the state it is in now: the states add up to `received`. */
export interface QuestionCounts {
  received: number;
  /** Still waiting for pre-moderation. */
  pending: number;
  /** Approved and still open: neither answered, dismissed nor merged. */
  approved: number;
  answered: number;
  dismissed: { total: number; byReason: Record<DismissReason, number> };
  merged: number;
  withdrawn: number;
}

/** The counters of a session's questions, derived from the question documents (nothing is stored). */
export function countQuestions(questions: readonly Pick<QuestionRecord, 'state' | 'dismissReason'>[]): QuestionCounts {
  const byState = new Map<QuestionState, number>();
  const byReason = Object.fromEntries(DISMISS_REASONS.map((reason) => [reason, 0])) as Record<DismissReason, number>;
  for (const question of questions) {
    byState.set(question.state, (byState.get(question.state) ?? 0) + 1);
    if (question.state === 'dismissed') byReason[question.dismissReason ?? 'other'] += 1;
  }
  const of = (state: QuestionState) => byState.get(state) ?? 0;
  return {
    received: questions.length,
    pending: of('pending'),
    approved: of('approved'),
    answered: of('answered'),
    dismissed: { total: of('dismissed'), byReason },
    merged: of('merged'),
    withdrawn: of('withdrawn'),
  };
}

/** One question of an export: never the anonymous asker's name or id, only their pseudonym. */
export interface QuestionExportRow {
  id: string;
  text: string;
  state: QuestionState;
  votes: number;
  asker: string;
  anonymous: boolean;
  language: string;
  askedAt: Date;
  answer: string | null;
  answeredAt: Date | null;
  dismissReason: DismissReason | null;
  dismissNote: string | null;
  mergedInto: string | null;
}

/** The questions in order of asking, each with its votes (counted from the vote documents). */
export function exportRows(
  questions: readonly QuestionRecord[],
  votes: ReadonlyMap<string, number>,
  askerOf: AskerNamer,
): QuestionExportRow[] {
  return questions.map((question) => ({
    id: question.id,
    text: question.text,
    state: question.state,
    votes: votes.get(question.id) ?? 0,
    asker: askerOf(question),
    anonymous: question.anonymous,
    language: question.language,
    askedAt: question.createdAt,
    answer: question.answer,
    answeredAt: question.answeredAt,
    dismissReason: question.dismissReason,
    dismissNote: question.dismissNote,
    mergedInto: question.mergedInto,
  }));
}

const CSV_COLUMNS = [
  'question id',
  'asked at',
  'asker',
  'anonymous',
  'language',
  'question',
  'state',
  'votes',
  'answer',
  'answered at',
  'dismiss reason',
  'dismiss note',
  'merged into',
];

/** The export as CSV: free text a spreadsheet would run as a formula is kept from running. */
export function exportCsv(rows: readonly QuestionExportRow[]): string {
  const text = (value: string | null) => (value === null ? '' : spreadsheetSafe(value));
  return stringify(
    rows.map((row) => [
      row.id,
      row.askedAt.toISOString(),
      text(row.asker),
      row.anonymous ? 'yes' : 'no',
      row.language,
      text(row.text),
      row.state,
      row.votes,
      text(row.answer),
      row.answeredAt?.toISOString() ?? '',
      row.dismissReason ?? '',
      text(row.dismissNote),
      row.mergedInto ?? '',
    ]),
    { header: true, columns: CSV_COLUMNS },
  );
}
