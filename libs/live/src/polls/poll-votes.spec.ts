import { describe, expect, it } from '@jest/globals';
import { ApiError, createValidationPipe, type ErrorDetail } from '@plenary/core';
import { CreatePollDto, PollVoteDto } from './dto/poll.dto.js';
import type { PollKind } from './poll.schema.js';
import { assertVote } from './polls.service.js';

const POLL_ID = '0123456789abcdef01234567';
const options = [
  { id: 'a1b2c3', text: 'Yes' },
  { id: 'd4e5f6', text: 'No' },
  { id: '0a0b0c', text: 'Abstain' },
];
const poll = (kind: PollKind) => ({ kind, options });

function problemOf(work: () => unknown): ErrorDetail[] | 'accepted' {
  try {
    work();
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).getStatus()).toBe(400);
    return (error as ApiError).details;
  }
  return 'accepted';
}

async function validated(metatype: new () => object, body: unknown): Promise<ErrorDetail[] | object> {
  try {
    return await createValidationPipe().transform(body, { type: 'body', metatype });
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    return (error as ApiError).details;
  }
}

describe('a vote in a poll', () => {
  it('takes exactly one option in a single-choice poll', () => {
    expect(problemOf(() => assertVote(poll('single'), ['a1b2c3']))).toBe('accepted');
    expect(problemOf(() => assertVote(poll('single'), ['a1b2c3', 'd4e5f6']))).toEqual([
      { field: 'optionIds', problem: 'must name exactly one option in a single-choice poll' },
    ]);
  });

  it('takes one or more distinct options in a multiple-choice poll', () => {
    expect(problemOf(() => assertVote(poll('multiple'), ['a1b2c3']))).toBe('accepted');
    expect(problemOf(() => assertVote(poll('multiple'), ['0a0b0c', 'a1b2c3', 'd4e5f6']))).toBe('accepted');
    expect(problemOf(() => assertVote(poll('multiple'), ['a1b2c3', 'a1b2c3']))).toEqual([
      { field: 'optionIds', problem: 'must not repeat an option' },
    ]);
    expect(problemOf(() => assertVote(poll('multiple'), []))).toEqual([
      { field: 'optionIds', problem: 'must name at least one option' },
    ]);
  });

  it("refuses options that are not the poll's", () => {
    for (const kind of ['single', 'multiple'] as const) {
      expect(problemOf(() => assertVote(poll(kind), ['ffffff']))).toEqual([
        { field: 'optionIds', problem: 'must be options of this poll' },
      ]);
      expect(problemOf(() => assertVote(poll(kind), ['A1B2C3']))).toEqual([
        { field: 'optionIds', problem: 'must be options of this poll' },
      ]);
    }
  });

  it('refuses payloads of the wrong shape before any rule, naming the field', async () => {
    const cases: [unknown, ErrorDetail[]][] = [
      [
        {},
        [
          { field: 'pollId', problem: 'is required' },
          { field: 'optionIds', problem: 'is required' },
        ],
      ],
      [
        { pollId: { $ne: null }, optionIds: ['a1b2c3'] },
        [{ field: 'pollId', problem: 'must be a 24-character hex id' }],
      ],
      [{ pollId: POLL_ID, optionIds: { $in: ['a1b2c3'] } }, [{ field: 'optionIds', problem: 'must be a list' }]],
      [{ pollId: POLL_ID, optionIds: 'a1b2c3' }, [{ field: 'optionIds', problem: 'must be a list' }]],
      [{ pollId: POLL_ID, optionIds: [1, 2] }, [{ field: 'optionIds', problem: 'must hold option ids' }]],
      [{ pollId: POLL_ID, optionIds: [{ $gt: '' }] }, [{ field: 'optionIds', problem: 'must hold option ids' }]],
      [{ pollId: POLL_ID, optionIds: [] }, [{ field: 'optionIds', problem: 'must name at least one option' }]],
      [{ pollId: POLL_ID, optionIds: ['a', 'a'] }, [{ field: 'optionIds', problem: 'must not repeat an option' }]],
      [
        { pollId: POLL_ID, optionIds: Array.from({ length: 11 }, (_, i) => `o${i}`) },
        [{ field: 'optionIds', problem: 'must name at most 10 options' }],
      ],
      [{ pollId: POLL_ID, optionIds: ['a1b2c3'], extra: 1 }, [{ field: 'extra', problem: 'is not an allowed field' }]],
    ];
    for (const [body, details] of cases) {
      expect({ body, result: await validated(PollVoteDto, body) }).toEqual({ body, result: details });
    }
    expect(await validated(PollVoteDto, { pollId: POLL_ID, optionIds: ['a1b2c3'] })).toBeInstanceOf(PollVoteDto);
  });

  it('creates polls of 2 to 10 distinct, trimmed options', async () => {
    const base = { question: 'Which city next?', kind: 'single' };
    const tooMany = Array.from({ length: 11 }, (_, i) => `Option ${i}`);
    const cases: [unknown, ErrorDetail[]][] = [
      [{ ...base, options: ['Only one'] }, [{ field: 'options', problem: 'must have at least 2 options' }]],
      [{ ...base, options: tooMany }, [{ field: 'options', problem: 'must have at most 10 options' }]],
      [{ ...base, options: ['Rabat', ' rabat '] }, [{ field: 'options', problem: 'must not repeat an option' }]],
      [{ ...base, options: ['Rabat', ''] }, [{ field: 'options', problem: 'must hold texts of 1 to 200 characters' }]],
      [
        { ...base, options: ['Rabat', 'x'.repeat(201)] },
        [{ field: 'options', problem: 'must hold texts of 1 to 200 characters' }],
      ],
      [{ ...base, options: ['Rabat', 7] }, [{ field: 'options', problem: 'must hold texts' }]],
      [{ ...base, options: { $size: 2 } }, [{ field: 'options', problem: 'must be a list' }]],
      [
        { ...base, kind: 'ranked', options: ['A', 'B'] },
        [{ field: 'kind', problem: 'must be one of single, multiple' }],
      ],
      [
        { ...base, question: 'x'.repeat(301), options: ['A', 'B'] },
        [{ field: 'question', problem: 'must be shorter than or equal to 300 characters' }],
      ],
      [{ kind: 'single', options: ['A', 'B'] }, [{ field: 'question', problem: 'is required' }]],
    ];
    for (const [body, details] of cases) {
      expect({ body, result: await validated(CreatePollDto, body) }).toEqual({ body, result: details });
    }
    expect(await validated(CreatePollDto, { ...base, options: [' Rabat ', 'Dakar'] })).toEqual(
      Object.assign(new CreatePollDto(), { question: 'Which city next?', kind: 'single', options: ['Rabat', 'Dakar'] }),
    );
  });
});
