import { describe, expect, it } from '@jest/globals';
import type { QuestionRecord } from '../questions/question.schema.js';
import { askerLabel, countQuestions, exportCsv, exportRows } from './session-report.js';

function question(overrides: Partial<QuestionRecord>): QuestionRecord {
  return {
    id: '0123456789abcdef01234567',
    sessionId: 'aaaaaaaaaaaaaaaaaaaaaaaa',
    askerKey: 'member:bbbbbbbbbbbbbbbbbbbbbbbb',
    authorId: 'bbbbbbbbbbbbbbbbbbbbbbbb',
    authorName: 'Amina Diallo',
    anonymous: false,
    clientId: 'c',
    text: 'How do we count remittances?',
    language: 'en',
    state: 'approved',
    highlighted: false,
    answer: null,
    answeredAt: null,
    dismissReason: null,
    dismissNote: null,
    mergedInto: null,
    createdAt: new Date('2026-03-03T10:00:00Z'),
    updatedAt: new Date('2026-03-03T10:00:00Z'),
    ...overrides,
  };
}

describe('session report', () => {
  it('counts each question once, in its state now, and dismissals by reason', () => {
    const counts = countQuestions([
      question({ state: 'approved' }),
      question({ state: 'answered' }),
      question({ state: 'dismissed', dismissReason: 'off_topic' }),
      question({ state: 'dismissed', dismissReason: 'off_topic' }),
      question({ state: 'dismissed', dismissReason: 'spam' }),
      question({ state: 'merged' }),
      question({ state: 'pending' }),
      question({ state: 'withdrawn' }),
    ]);
    expect(counts).toEqual({
      received: 8,
      pending: 1,
      approved: 1,
      answered: 1,
      dismissed: {
        total: 3,
        byReason: { duplicate: 0, off_topic: 2, inappropriate: 0, spam: 1, out_of_time: 0, other: 0 },
      },
      merged: 1,
      withdrawn: 1,
    });
  });

  it('names an anonymous asker by pseudonym only, and keeps free text from running as a formula', () => {
    const anonymous = question({ id: 'cccccccccccccccccccccccc', anonymous: true, text: '=HYPERLINK("http://evil")' });
    expect(askerLabel(anonymous, () => 'Anonymous 7QK4')).toBe('Anonymous 7QK4');
    expect(askerLabel(question({}), () => 'Anonymous 7QK4')).toBe('Amina Diallo');

    const rows = exportRows(
      [anonymous, question({ authorName: '@here', state: 'answered', answer: 'Yes' })],
      new Map([['cccccccccccccccccccccccc', 4]]),
      (q) => askerLabel(q, () => 'Anonymous 7QK4'),
    );
    expect(rows.map((row) => [row.asker, row.votes])).toEqual([
      ['Anonymous 7QK4', 4],
      ['@here', 0],
    ]);
    const csv = exportCsv(rows);
    expect(csv.split('\n')[0]).toBe(
      'question id,asked at,asker,anonymous,language,question,state,votes,answer,answered at,dismiss reason,dismiss note,merged into',
    );
    expect(csv).toContain(`'=HYPERLINK(""http://evil"")`);
    expect(csv).toContain(`,'@here,no,`);
    expect(csv).not.toContain('Amina');
  });
});
