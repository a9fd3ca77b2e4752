import { describe, expect, it } from '@jest/globals';
import { allOf, describeCoverage, indexCoverage } from '@plenary/database';
import type { Schema } from 'mongoose';
import { PledgeFollowSchema } from './follows/follow.schema.js';
import { PledgeSchema } from './pledges/pledge.schema.js';
import { type PledgeFilter, pledgeListFilter } from './pledges/pledges.repository.js';
import { ProgressUpdateSchema } from './updates/progress-update.schema.js';

/**
 * The pledge list is served by an index for each of its filters, newest first (a later page's keyset
 * position included); `q` (a case-insensitive "contains" over the title and the pledger's name) is matched on
 * the documents the index returns, as the forum's residual conditions are. Pledges number in the
 * hundreds; a combination of filters is bounded by one of them.
 */
/** What a later page adds: the keyset position. */
const after = { _id: { $lt: '0123456789abcdef01234567' } };

function expectServed(
  schema: Schema,
  filter: Record<string, unknown>,
  sort: Record<string, 1 | -1>,
  residual: string[] = [],
) {
  const coverage = indexCoverage(schema, { filter, sort }, { residual });
  if (!coverage.served) throw new Error(describeCoverage(coverage));
  expect(coverage.served).toBe(true);
}

describe('pledge index coverage', () => {
  const filters: PledgeFilter[] = [
    {},
    { status: 'realised' },
    { cluster: 'funding' },
    { objective: 7 },
    { region: 'africa' },
    { country: 'MX' },
    { year: 2022 },
    { q: 'detention' },
    { status: 'planned', q: 'detention' },
  ];

  it.each(filters)('serves the list filtered by %j, on every page', (filter) => {
    const base = pledgeListFilter(filter) as Record<string, unknown>;
    for (const query of [base, allOf(base, after) as Record<string, unknown>]) {
      expectServed(PledgeSchema, query, { _id: -1 }, ['title', 'pledger.name']);
    }
  });

  it("serves a pledge's timeline, the latest updates, and the follows", () => {
    expectServed(ProgressUpdateSchema, { pledgeId: 'p' }, { _id: -1 });
    expectServed(ProgressUpdateSchema, {}, { _id: -1 });
    expectServed(ProgressUpdateSchema, { authorId: 'a' }, { _id: -1 });
    expectServed(PledgeFollowSchema, { pledgeId: 'p', userId: 'u' }, {});
    expectServed(PledgeFollowSchema, { pledgeId: 'p' }, {});
    expectServed(PledgeFollowSchema, { userId: 'u' }, { _id: 1 });
    expectServed(PledgeSchema, { representativeIds: 'u' }, { _id: -1 });
  });
});
