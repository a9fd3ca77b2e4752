import { describe, expect, it } from '@jest/globals';
import { allOf } from './filters.js';
import { Schema, Types } from 'mongoose';
import { type CoverageOptions, type CoverageQuery, describeCoverage, indexCoverage } from './index-coverage.js';

const schema = new Schema({
  listId: Schema.Types.ObjectId,
  pinned: Boolean,
  at: Date,
  score: Number,
  status: String,
  audience: String,
  number: Number,
  words: [String],
  name: String,
});
schema.index({ listId: 1, pinned: -1, at: -1, _id: -1 });
schema.index({ listId: 1, number: 1 }, { unique: true });
schema.index({ words: 1, _id: -1 });
schema.index({ name: 'text' });
schema.index({ score: 1 }, { partialFilterExpression: { status: 'visible' } });

const id = new Types.ObjectId();
const check = (query: CoverageQuery, options?: CoverageOptions) => indexCoverage(schema, query, options);
const servedBy = (query: CoverageQuery, options?: CoverageOptions) => {
  const coverage = check(query, options);
  if (!coverage.served) throw new Error(`not served:\n${describeCoverage(coverage)}`);
  return coverage.branches.map((branch) => branch.index);
};
const problem = (query: CoverageQuery, options?: CoverageOptions) => {
  const coverage = check(query, options);
  expect(coverage.served).toBe(false);
  return coverage.branches.find((branch) => branch.index === null)?.problem;
};

describe('index coverage', () => {
  it('serves equality fields as a prefix, then the sort in order, or all reversed', () => {
    const index = '{ listId: 1, pinned: -1, at: -1, _id: -1 }';
    expect(servedBy({ filter: { listId: id, pinned: false }, sort: { at: -1, _id: -1 } })).toEqual([index]);
    expect(servedBy({ filter: { listId: id, pinned: false }, sort: { at: 1, _id: 1 } })).toEqual([index]);
    // A sort field fixed by the filter drops out of the sort; an unfixed one does not.
    expect(servedBy({ filter: { listId: id }, sort: { pinned: -1, at: -1, _id: -1 } })).toEqual([index]);
    expect(servedBy({ filter: { listId: id, pinned: true }, sort: { pinned: 1, at: -1, _id: -1 } })).toEqual([index]);
    expect(problem({ filter: { listId: id }, sort: { at: -1, _id: -1 } })).toContain('does not give the sort on at');
    expect(problem({ filter: { listId: id, pinned: false }, sort: { at: -1, _id: 1 } })).toContain('mixed directions');
  });

  it('does not count a sort the index does not give, even behind a unique index', () => {
    // (listId, number) is unique, but the planner sorts by _id in memory all the same.
    expect(problem({ filter: { listId: id }, sort: { number: 1, _id: 1 } })).toContain('does not give the sort on _id');
    expect(servedBy({ filter: { listId: id }, sort: { number: 1 } })).toEqual(['{ listId: 1, number: 1 }']);
  });

  it('takes ranges on the sort field or after it, not before it', () => {
    const index = '{ listId: 1, pinned: -1, at: -1, _id: -1 }';
    expect(servedBy({ filter: { listId: id, pinned: false, at: { $lt: new Date() } }, sort: { at: -1 } })).toEqual([
      index,
    ]);
    expect(servedBy({ filter: { listId: id, pinned: false, _id: { $lt: id } }, sort: { at: -1 } })).toEqual([index]);
    expect(problem({ filter: { listId: id, pinned: { $gte: false } }, sort: { at: -1, _id: -1 } })).toContain(
      'does not give the sort on at',
    );
  });

  it('serves an $or branch by branch: a keyset cursor', () => {
    const at = new Date();
    const coverage = check({
      filter: {
        $and: [{ listId: id, pinned: false }, { $or: [{ at: { $lt: at } }, { at, _id: { $lt: id } }] }],
      },
      sort: { at: -1, _id: -1 },
    });
    expect(coverage.served).toBe(true);
    expect(coverage.branches).toHaveLength(2);
    expect(coverage.branches.map((branch) => branch.conditions)).toEqual([
      ['listId =', 'pinned =', 'at <'],
      ['listId =', 'pinned =', 'at =', '_id <'],
    ]);
    const branches = check({ filter: { $or: [{ listId: id }, { status: 'visible' }] } }).branches;
    expect(branches.map((branch) => branch.index)).toEqual(['{ listId: 1, number: 1 }', null]);
    expect(branches[1].problem).toContain('status is not in it');
  });

  it('requires every constrained field bounded unless it is residual', () => {
    const query = {
      filter: {
        $and: [
          { audience: 'public', status: 'visible' },
          { listId: id, pinned: false },
        ],
      },
    };
    expect(problem({ ...query, sort: { at: -1, _id: -1 } })).toContain('audience is not in it');
    const coverage = check({ ...query, sort: { at: -1, _id: -1 } }, { residual: ['audience', 'status'] });
    expect(coverage.served).toBe(true);
    expect(coverage.branches[0].residual).toEqual(['audience =', 'status =']);
  });

  it('checks an $or of residual fields on the documents, as a whole', () => {
    const access = {
      $or: [
        { audience: 'public', status: 'visible' },
        { audience: 'members', status: { $ne: 'x' } },
      ],
    };
    const coverage = check(
      { filter: { $and: [access, { listId: id, pinned: true }] }, sort: { at: -1, _id: -1 } },
      { residual: ['audience', 'status'] },
    );
    expect(coverage.branches).toHaveLength(1);
    expect(coverage.branches[0].index).toBe('{ listId: 1, pinned: -1, at: -1, _id: -1 }');
    expect(coverage.branches[0].residual).toEqual(['$or(audience = & status = | audience = & status $ne)']);
    // Alone, a residual filter bounds nothing: a full scan, unless an index gives the sort.
    expect(problem({ filter: access }, { residual: ['audience', 'status'] })).toContain('full scan');
    expect(servedBy({ filter: access, sort: { _id: -1 } }, { residual: ['audience', 'status'] })).toEqual([
      '{ _id: 1 }',
    ]);
  });

  it('checks given sub-filters on the documents, wherever they appear, and nothing else on their fields', () => {
    const access = { $or: [{ audience: 'public' }, { listId: { $in: [id.toHexString()] } }] };
    const sort = { at: -1, _id: -1 };
    const options = { residualFilters: [access] };
    // Cast (ids as ObjectIds) or not, the access filter is recognised by its JSON.
    const cast = { $or: [{ audience: 'public' }, { listId: { $in: [id] } }] };
    expect(servedBy({ filter: { $and: [cast, { listId: id, pinned: false }] }, sort }, options)).toEqual([
      '{ listId: 1, pinned: -1, at: -1, _id: -1 }',
    ]);
    expect(problem({ filter: access }, options)).toContain('full scan');
    expect(servedBy({ filter: { ...access }, sort: { _id: 1 } }, options)).toEqual(['{ _id: 1 }']);
    // Spread among the top-level conditions, as allOf leaves it: found entry by entry.
    const guest = { audience: 'public', status: 'visible' };
    expect(
      servedBy({ filter: allOf(guest, { listId: id, pinned: false }), sort }, { residualFilters: [guest] }),
    ).toEqual(['{ listId: 1, pinned: -1, at: -1, _id: -1 }']);
    expect(
      problem(
        { filter: allOf({ audience: 'public' }, { listId: id, pinned: false }), sort },
        { residualFilters: [guest] },
      ),
    ).toContain('audience is not in it');
    // The same field outside the sub-filter must be bounded.
    expect(problem({ filter: { $and: [access, { audience: 'group' }] }, sort: { _id: 1 } }, options)).toContain(
      'audience is not in it',
    );
  });

  it('takes equality and anchored prefixes on an array field, and notes what a prefix does to the sort', () => {
    expect(servedBy({ filter: { words: 'labour' }, sort: { _id: -1 } })).toEqual(['{ words: 1, _id: -1 }']);
    const prefix = check({ filter: { words: { $regex: '^lab' } }, sort: { _id: -1 } });
    expect(prefix.served).toBe(true);
    expect(prefix.branches[0].notes[0]).toContain('range of keys');
    const two = check({ filter: { $and: [{ words: /^lab/ }, { words: /^mig/ }] }, sort: { _id: -1 } });
    expect(two.served).toBe(true);
    expect(two.branches[0].residual).toEqual(['words ^prefix']);
    expect(problem({ filter: { words: /lab/ }, sort: { _id: -1 } })).toContain('cannot bound an index');
    expect(problem({ filter: { words: /^lab/i }, sort: { _id: -1 } })).toContain('cannot bound an index');
    expect(problem({ filter: { words: { $regex: '^a|b' } } })).toContain('cannot bound an index');
    expect(problem({ filter: { listId: id }, sort: { words: 1 } })).toContain('does not give the sort');
  });

  it('takes $in as equality, merged for a sort', () => {
    const coverage = check({
      filter: { listId: { $in: [id, new Types.ObjectId()] }, pinned: false },
      sort: { at: -1 },
    });
    expect(coverage.served).toBe(true);
    expect(coverage.branches[0].notes).toContain('listId in: one scan per value, merged in sort order');
    expect(servedBy({ filter: { _id: { $in: [id] } } })).toEqual(['{ _id: 1 }']);
  });

  it('counts the _id index unless told not to, and leaves out text and partial indexes', () => {
    expect(servedBy({ filter: { _id: id } })).toEqual(['{ _id: 1 }']);
    expect(problem({ filter: { _id: id } }, { withoutIdIndex: true })).toBeDefined();
    expect(problem({ filter: { score: { $gt: 1 }, status: 'visible' } }, { residual: ['status'] })).toBeDefined();
    expect(problem({ filter: { $text: { $search: 'x' } } })).toContain('$text');
  });

  it('never bounds with $nor, $ne, $exists: fine on residual fields only', () => {
    expect(problem({ filter: { listId: id, number: { $ne: 1 } } })).toContain('number $ne cannot bound');
    expect(
      servedBy({ filter: { listId: id, $nor: [{ status: 'hidden' }] }, sort: { number: 1 } }, { residual: ['status'] }),
    ).toEqual(['{ listId: 1, number: 1 }']);
    expect(problem({ filter: { listId: id, $nor: [{ status: 'hidden' }] } })).toContain('status $nor');
  });
});
