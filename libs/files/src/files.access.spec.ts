import { describe, expect, it } from '@jest/globals';
import { AccessService, platformAdminAccess, type Principal } from '@plenary/identity';
import { matchesFilter, principal } from '@plenary/testing';
import { filesAccess } from './files.access.js';
import { FILE } from './model/file-kinds.js';

const access = new AccessService();
access.register(filesAccess);
access.register(platformAdminAccess, { outranking: true });

const uploader = principal('u', 'member');
const callers: (Principal | null)[] = [
  null,
  uploader,
  principal('u', 'member', 'suspended'),
  principal('x', 'member'),
  principal('mod', 'moderator'),
  principal('a', 'admin'),
];
const files = [
  { _id: 'f1', uploadedBy: 'u', ownerKind: null },
  { _id: 'f2', uploadedBy: 'u', ownerKind: 'resource' },
  { _id: 'f3', uploadedBy: 'other', ownerKind: null },
];

describe('files access', () => {
  it('lets the uploader alone (and admins) read and attach an unattached file', () => {
    const allowed = (caller: Principal | null, action: string) =>
      files.filter((file) => access.for(caller).can(action, FILE, file)).map((file) => file._id);
    for (const action of ['read', 'attach']) {
      expect(callers.map((caller) => allowed(caller, action))).toEqual([[], ['f1'], [], [], [], ['f1', 'f2', 'f3']]);
    }
  });

  it('filters as it checks one file, for every caller', () => {
    for (const caller of callers) {
      const filter = access.for(caller).query('read', FILE);
      for (const file of files) {
        expect(filter !== null && matchesFilter(filter, file)).toBe(access.for(caller).can('read', FILE, file));
      }
    }
  });
});
