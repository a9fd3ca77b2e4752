import { Injectable, Logger } from '@nestjs/common';
import {
  type AdminSeed,
  ApiError,
  DomainEvents,
  mapPage,
  ModeratorActed,
  type Page,
  pageRequest,
  sentFields,
} from '@plenary/core';
import { DuplicateKeyError } from '@plenary/database';
import { AccessService } from '../access/access.service.js';
import { AccountParticipants } from './account-participants.js';
import {
  AccountCreated,
  AccountReactivated,
  AccountRenamed,
  AccountRoleChanged,
  AccountSuspended,
} from './account.events.js';
import type { Principal } from '../auth/principal.js';
import { CredentialsRepository } from '../credentials/credentials.repository.js';
import { PasswordHasher } from '../credentials/password-hasher.js';
import type { ListUsersQuery, UpdateUserDto, UserView } from './dto/user.dto.js';
import { toPrincipal } from './to-principal.js';
import { normalizeEmail, USER, type UserLocale, type UserRecord } from './user.schema.js';
import { type UserChanges, UsersRepository } from './users.repository.js';

export interface MemberContact {
  id: string;
  email: string;
  displayName: string;
  locale: UserLocale;
  active: boolean;
  emailVerified: boolean;
}

@Injectable()
export class UsersService {
  private readonly logger = new Logger(UsersService.name);

  constructor(
    private readonly users: UsersRepository,
    private readonly credentials: CredentialsRepository,
    private readonly hasher: PasswordHasher,
    private readonly access: AccessService,
    private readonly events: DomainEvents,
    private readonly participants: AccountParticipants,
  ) {}

  /** Creates a member with a password; 409 when the email is taken in any letter case. */
  async createWithPassword(
    email: string,
    password: string,
    displayName: string,
    locale?: UserLocale,
  ): Promise<UserRecord> {
    const passwordHash = await this.hasher.hash(password);
    let user: UserRecord;
    try {
      user = await this.users.create({ email, displayName, role: 'member', ...(locale ? { locale } : {}) });
    } catch (error) {
      if (error instanceof DuplicateKeyError) {
        throw ApiError.conflict('This email is already registered', [
          { field: 'email', problem: 'is already registered' },
        ]);
      }
      throw error;
    }
    try {
      await this.credentials.setPasswordHash(user.id, passwordHash);
    } catch (error) {
      await this.users.delete(user.id);
      throw error;
    }
    await this.events.publish(AccountCreated, { userId: user.id, displayName: user.displayName });
    return user;
  }

  async getSelf(principal: Principal): Promise<UserView> {
    const user = await this.users.findById(principal.id);
    if (!user) throw ApiError.notFound('User');
    return this.view(principal, user);
  }

  async getById(principal: Principal, id: string): Promise<UserView> {
    return this.view(principal, await this.visible(principal, id));
  }

  /** Where and in which language to write to a member (for mail sent on their behalf); null when the account is gone. */
  async contactOf(id: string): Promise<MemberContact | null> {
    const user = await this.users.findById(id);
    if (!user) return null;
    const { email, displayName, locale, status } = user;
    return {
      id,
      email,
      displayName,
      locale,
      active: status === 'active',
      emailVerified: Boolean(user.emailVerifiedAt),
    };
  }

  /**
   * The language of the account with this address, for mail to an address that may have one (an
   * invitation); null when none has it. Never shown to whoever causes the mail.
   */
  async localeOfAddress(email: string): Promise<UserLocale | null> {
    return (await this.users.findByEmail(email))?.locale ?? null;
  }

  /**
   * Records that the member reads mail at `email` (they followed a link mailed there); does
   * nothing when the account's address is another one by now. True when it is verified now.
   */
  async markEmailVerified(id: string, email: string): Promise<boolean> {
    const user = await this.users.findById(id);
    if (!user || normalizeEmail(user.email) !== normalizeEmail(email)) return false;
    if (!user.emailVerifiedAt) await this.users.markEmailVerified(id, new Date());
    return true;
  }

  /** The language of the caller's interface and mails. */
  async setOwnLocale(principal: Principal, locale: UserLocale): Promise<UserView> {
    const user = await this.users.setLocale(principal.id, locale);
    if (!user) throw ApiError.notFound('User');
    return this.view(principal, user);
  }

  /** Whether the account exists and is active (for invitations and the like, no caller needed). */
  async isActive(id: string): Promise<boolean> {
    return (await this.users.findById(id))?.status === 'active';
  }

  async list(principal: Principal, query: ListUsersQuery): Promise<Page<UserView>> {
    this.access.assert(principal, 'list', USER);
    const page = await this.users.list(query, pageRequest(query));
    return mapPage(page, (user) => this.view(principal, user));
  }

  async update(principal: Principal, id: string, dto: UpdateUserDto): Promise<UserView> {
    const user = await this.visible(principal, id);
    const { reason, suspendedUntil, ...sent } = sentFields(dto);
    const fields = Object.keys(sent) as (keyof UserChanges)[];
    if (fields.length === 0) throw ApiError.badRequest('Nothing to change: send displayName, role or status');
    for (const field of fields) this.access.assert(principal, 'update', USER, user, field);
    const changes: UserChanges = { ...sent };
    if (suspendedUntil !== undefined) {
      if (sent.status !== 'suspended') throw ApiError.invalidField('suspendedUntil', 'goes with status suspended');
      if (new Date(suspendedUntil).getTime() <= Date.now())
        throw ApiError.invalidField('suspendedUntil', 'must be in the future');
    }
    if (sent.status !== undefined)
      changes.suspendedUntil = sent.status === 'suspended' && suspendedUntil ? new Date(suspendedUntil) : null;
    const losesAdmin =
      user.role === 'admin' &&
      user.status === 'active' &&
      ((changes.role !== undefined && changes.role !== 'admin') || changes.status === 'suspended');
    const lastAdmin = () =>
      ApiError.conflict('The last active admin cannot be demoted or suspended; make another admin first');
    if (losesAdmin && (await this.users.countActiveAdmins()) <= 1) throw lastAdmin();
    const updated = await this.users.update(id, changes);
    if (!updated) throw ApiError.notFound('User');
    // Without transactions, two admins demoting each other at once could both pass the count
    // above; whoever then finds no active admin left puts their change back.
    if (losesAdmin && (await this.users.countActiveAdmins()) === 0) {
      await this.users.update(id, { role: user.role, status: user.status });
      throw lastAdmin();
    }
    await this.publishChanges(principal, user, updated, reason ?? null);
    return this.view(principal, updated);
  }

  /**
   * The user as they may act now: a suspension for a time that has ended is lifted first (lazily,
   * when they next show up, on whichever instance).
   */
  async current(user: UserRecord): Promise<UserRecord> {
    if (user.status !== 'suspended' || !user.suspendedUntil || user.suspendedUntil > new Date()) return user;
    const reactivated = await this.users.endSuspension(user.id, new Date());
    if (!reactivated) return (await this.users.findById(user.id)) ?? user;
    await this.events.publish(AccountReactivated, { userId: user.id, byUserId: user.id });
    return reactivated;
  }

  /** The principal of an account (for checks on behalf of someone who is not calling), or null when it is gone. */
  async principalOf(id: string): Promise<Principal | null> {
    const user = await this.users.findById(id);
    return user ? toPrincipal(await this.current(user)) : null;
  }

  /**
   * Makes sure an admin with this email exists: creates one with the password, or promotes and
   * reactivates the existing account (its password is left as it is). Safe to run on every boot.
   * The operator who configured the address vouches for it: it counts as verified.
   */
  async ensureAdmin(seed: AdminSeed): Promise<{ user: UserRecord; created: boolean }> {
    const existing = await this.users.findByEmail(seed.email);
    if (!existing) {
      try {
        const user = await this.createWithPassword(seed.email, seed.password, seed.displayName);
        await this.users.markEmailVerified(user.id, new Date());
        return { user: (await this.users.update(user.id, { role: 'admin' })) ?? user, created: true };
      } catch (error) {
        if (!(error instanceof ApiError && error.getStatus() === 409)) throw error;
        this.logger.log(`Another instance created ${seed.email} first`);
      }
    }
    const user = existing ?? (await this.users.findByEmail(seed.email));
    if (!user) throw new Error(`could not create or find ${seed.email}`);
    await this.users.markEmailVerified(user.id, new Date());
    const promoted = await this.users.update(user.id, { role: 'admin', status: 'active' });
    return { user: promoted ?? user, created: false };
  }

  /** The user, if the caller may see them: 404 when absent, and when hidden from the caller (a private profile). */
  private async visible(principal: Principal, id: string): Promise<UserRecord> {
    const user = await this.users.findById(id);
    if (
      !user ||
      !this.access.can(principal, 'read', USER, user) ||
      !(await this.participants.visibleTo(principal, id))
    ) {
      throw ApiError.notFound('User');
    }
    return user;
  }

  private async publishChanges(
    principal: Principal,
    before: UserRecord,
    after: UserRecord,
    reason: string | null,
  ): Promise<void> {
    const by = { userId: after.id, byUserId: principal.id };
    if (after.displayName !== before.displayName) {
      await this.events.publish(AccountRenamed, { userId: after.id, displayName: after.displayName });
    }
    if (after.role !== before.role) {
      await this.events.publish(AccountRoleChanged, { ...by, from: before.role, to: after.role });
    }
    if (after.status === 'suspended' && before.status !== 'suspended') {
      await this.events.publish(AccountSuspended, { ...by, until: after.suspendedUntil, reason: reason ?? '' });
    } else if (after.status === 'active' && before.status === 'suspended') {
      await this.events.publish(AccountReactivated, by);
    }
    const moderated = (['role', 'status', 'suspendedUntil'] as const).filter(
      (field) => String(after[field]) !== String(before[field]),
    );
    if (moderated.length > 0 && principal.id !== after.id) {
      await this.events.publish(ModeratorActed, {
        actorId: principal.id,
        action:
          after.status !== before.status
            ? `user.${after.status === 'suspended' ? 'suspend' : 'reactivate'}`
            : 'user.role',
        target: { type: 'user', id: after.id, groupId: null },
        reason,
        before: Object.fromEntries(moderated.map((field) => [field, before[field]])),
        after: Object.fromEntries(moderated.map((field) => [field, after[field]])),
      });
    }
  }

  private view(principal: Principal, user: UserRecord): UserView {
    const view: UserView = {
      id: user.id,
      displayName: user.displayName,
      role: user.role,
      status: user.status,
      createdAt: user.createdAt,
    };
    if (this.access.can(principal, 'read', USER, user, 'email')) {
      view.email = user.email;
      if (user.suspendedUntil) view.suspendedUntil = user.suspendedUntil;
    }
    if (principal.id === user.id) {
      view.emailVerified = Boolean(user.emailVerifiedAt);
      view.locale = user.locale;
    }
    return view;
  }

  /**
   * Creates a member who signs in through single sign-on: no password, and the email verified by
   * the identity provider that asserted it. Throws DuplicateKeyError when the email is taken.
   */
  async createForSingleSignOn(email: string, displayName: string, locale: UserLocale): Promise<UserRecord> {
    const user = await this.users.create({ email, displayName, role: 'member', locale });
    await this.users.markEmailVerified(user.id, user.createdAt);
    await this.events.publish(AccountCreated, { userId: user.id, displayName: user.displayName });
    return { ...user, emailVerifiedAt: user.createdAt };
  }
}
