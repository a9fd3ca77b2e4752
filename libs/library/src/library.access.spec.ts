import { describe, expect, it } from '@jest/globals';
import { AccessService, type AccessScope, platformAdminAccess, type Principal } from '@plenary/identity';
import { matchesFilter, principal } from '@plenary/testing';
import { libraryAccess } from './library.access.js';
import { INITIATIVE, ITEM_STATUSES, LIBRARY_AUDIENCES, RESOURCE } from './model/library-kinds.js';

const access = new AccessService();
access.register(libraryAccess);
access.register(platformAdminAccess, { outranking: true });

const member = principal('m', 'member');
const callers: (Principal | null)[] = [
  null,
  member,
  principal('author', 'member'),
  principal('s', 'member', 'suspended'),
  principal('mod', 'moderator'),
  principal('a', 'admin'),
];
const library = (capabilities: string[], groups: [string, string[]][] = [], reviewing: string[] = []) => ({
  capabilities,
  groupCapabilities: new Map(groups),
  reviewing,
});
const scopes: AccessScope[] = [
  {},
  { groupRoles: new Map([['g1', 'member']]) },
  { groupRoles: new Map([['g1', 'owner']]), library: library([]) },
  { library: library(['editor']) },
  { library: library(['reviewer'], [], ['i1']) },
  { groupRoles: new Map([['g1', 'member']]), library: library([], [['g1', ['reviewer']]]) },
  { groupRoles: new Map([['g2', 'member']]), library: library([], [['g2', ['editor']]], ['i2']) },
];

/** Items in every status and audience, platform-wide and in two groups, by two authors. */
const documents = ITEM_STATUSES.flatMap((status) =>
  [
    ...LIBRARY_AUDIENCES.filter((audience) => audience !== 'group').map((audience) => ({ audience, groupId: null })),
    ...LIBRARY_AUDIENCES.flatMap((audience) => ['g1', 'g2'].map((groupId) => ({ audience, groupId }))),
  ].flatMap((place) =>
    ['i1', 'i2'].flatMap((_id) => ['author', 'other'].map((authorId) => ({ ...place, _id, status, authorId }))),
  ),
);

describe('library access', () => {
  it.each([RESOURCE, INITIATIVE])(
    'filters %s lists exactly as it checks one item, for every caller and scope',
    (type) => {
      const disagreements: string[] = [];
      for (const caller of callers) {
        for (const scope of scopes) {
          const abilities = access.for(caller, scope);
          const query = abilities.query('read', type);
          for (const document of documents) {
            const checked = abilities.can('read', type, document);
            const listed = query !== null && matchesFilter(query, document as unknown as Record<string, unknown>);
            if (checked !== listed) disagreements.push(`${caller?.id ?? 'guest'} ${JSON.stringify(document)}`);
          }
        }
      }
      expect(disagreements).toEqual([]);
    },
  );

  it('shows a draft to its author (and admins) only, and a published item by its audience', () => {
    const draft = { _id: 'i1', status: 'draft', audience: 'public', groupId: null, authorId: 'author' };
    const readers = (scope: AccessScope = {}) =>
      callers.filter((caller) => access.for(caller, scope).can('read', RESOURCE, draft)).map((c) => c?.id);
    // editors and reviewers of the board do not see drafts; a reviewer on the item would
    expect(readers({ library: library(['editor', 'reviewer']) })).toEqual(['author', 'a']);
    expect(readers({ library: library([], [], ['i1']) })).toEqual(['m', 'author', 'mod', 'a']);
    expect(readers()).toEqual(['author', 'a']);
    const secret = { ...draft, status: 'published', audience: 'group', groupId: 'g1', authorId: 'other' };
    expect(access.for(member).can('read', RESOURCE, secret)).toBe(false);
    expect(access.for(member, { groupRoles: new Map([['g1', 'member']]) }).can('read', RESOURCE, secret)).toBe(true);
  });

  it("gives a board's editors its submissions: the platform's editors the platform's, a group's owners theirs", () => {
    const submitted = (groupId: string | null) => ({
      _id: 'i1',
      status: 'in_review',
      audience: 'public',
      groupId,
      authorId: 'x',
    });
    const editor = access.for(member, { library: library(['editor']) });
    expect(editor.can('decide', RESOURCE, submitted(null))).toBe(true);
    expect(editor.can('decide', RESOURCE, submitted('g1'))).toBe(false);
    const owner = access.for(member, { groupRoles: new Map([['g1', 'owner']]) });
    expect(owner.can('decide', RESOURCE, submitted('g1'))).toBe(true);
    expect(owner.can('decide', RESOURCE, submitted(null))).toBe(false);
    expect(access.for(principal('mod', 'moderator')).can('decide', RESOURCE, submitted(null))).toBe(false);
    expect(access.for(principal('a', 'admin')).can('decide', INITIATIVE, submitted('g2'))).toBe(true);
    // a group's reviewer capability counts only while they are its member
    const lapsed = access.for(member, { library: library([], [['g1', ['reviewer']]]) });
    expect(lapsed.can('review', RESOURCE, submitted('g1'))).toBe(false);
  });
});
