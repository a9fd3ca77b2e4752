import { describe, expect, it } from '@jest/globals';
import type { ConnectionGateway } from '@plenary/realtime';
import { AccountParticipants } from '../accounts/account-participants.js';
import { AccessService } from '../access/access.service.js';
import type { Principal } from '../auth/principal.js';
import type { CredentialsRepository } from '../credentials/credentials.repository.js';
import type { PasswordHasher } from '../credentials/password-hasher.js';
import type { TokenService } from '../tokens/token.service.js';
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

const principal = (user: UserRecord): Principal => ({
  id: user.id,
  email: user.email,
  displayName: user.displayName,
  role: user.role,
  status: user.status,
});

describe('UsersService.update', () => {
  it('never leaves the platform without an active admin when two admins demote each other at once', async () => {
    const repository = new RacingUsers();
    const access = new AccessService();
    const service = new UsersService(
      repository as unknown as UsersRepository,
      {} as CredentialsRepository,
      {} as PasswordHasher,
      {} as TokenService,
      access,
      { disconnectUser: () => undefined } as unknown as ConnectionGateway,
      new AccountParticipants(),
    );
    service.onModuleInit();
    const [a, b] = [admin('a'), admin('b')];
    const results = await Promise.allSettled([
      service.update(principal(a), 'b', { role: 'member' }),
      service.update(principal(b), 'a', { role: 'member' }),
    ]);
    expect(results.some((result) => result.status === 'rejected')).toBe(true);
    for (const result of results) {
      if (result.status === 'rejected') expect(result.reason).toMatchObject({ status: 409 });
    }
    const activeAdmins = [...repository.users.values()].filter((user) => user.role === 'admin');
    expect(activeAdmins.length).toBeGreaterThanOrEqual(1);
  });
});
