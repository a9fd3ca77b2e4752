import { describe, expect, it } from '@jest/globals';
import { DomainEvents } from '@plenary/core';
import { principal } from '@plenary/testing';
import { AccessService } from '../access/access.service.js';
import { AccountParticipants } from './account-participants.js';
import { identityAccess, platformAdminAccess } from '../identity.access.js';
import type { CredentialsRepository } from '../credentials/credentials.repository.js';
import type { PasswordHasher } from '../credentials/password-hasher.js';
import type { UserRecord } from './user.schema.js';
import type { UserChanges, UsersRepository } from './users.repository.js';
import { UsersService } from './users.service.js';

const admin = (id: string): UserRecord => ({
  id,
  email: `${id}@plenary.test`,
  emailNormalized: `${id}@plenary.test`,
  displayName: id,
  role: 'admin',
  status: 'active',
  suspendedUntil: null,
  locale: 'en',
  emailVerifiedAt: null,
  createdAt: new Date(),
  updatedAt: new Date(),
});

/**
 * Two admins demote each other "at once": both see two active admins before either write lands,
 * as two requests on two instances can. The repository answers the count from a snapshot taken
 * before any write, then from the live state.
 */
class RacingUsers {
  readonly users = new Map([
    ['a', admin('a')],
    ['b', admin('b')],
  ]);
  private counts = 0;

  async findById(id: string) {
    return { ...this.users.get(id)! };
  }

  async countActiveAdmins() {
    this.counts += 1;
    if (this.counts <= 2) return 2;
    return [...this.users.values()].filter((user) => user.role === 'admin' && user.status === 'active').length;
  }

  async update(id: string, changes: UserChanges) {
    const user = { ...this.users.get(id)!, ...changes };
    this.users.set(id, user);
    return { ...user };
  }
}

describe('UsersService.update', () => {
  it('never leaves the platform without an active admin when two admins demote each other at once', async () => {
    const repository = new RacingUsers();
    const access = new AccessService();
    access.register(identityAccess);
    access.register(platformAdminAccess, { outranking: true });
    const service = new UsersService(
      repository as unknown as UsersRepository,
      {} as CredentialsRepository,
      {} as PasswordHasher,
      access,
      new DomainEvents(),
      new AccountParticipants(),
    );
    const results = await Promise.allSettled([
      service.update(principal('a', 'admin'), 'b', { role: 'member' }),
      service.update(principal('b', 'admin'), 'a', { role: 'member' }),
    ]);
    expect(results.some((result) => result.status === 'rejected')).toBe(true);
    for (const result of results) {
      if (result.status === 'rejected') expect(result.reason).toMatchObject({ status: 409 });
    }
    const activeAdmins = [...repository.users.values()].filter((user) => user.role === 'admin');
    expect(activeAdmins.length).toBeGreaterThanOrEqual(1);
  });
});
