import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Page, PageRequest } from '@plenary/core';
import { BaseRepository, containsPattern } from '@plenary/database';
import type { Model, QueryFilter } from 'mongoose';
import {
  normalizeEmail,
  type PlatformRole,
  User,
  type UserLocale,
  type UserRecord,
  type UserStatus,
} from './user.schema.js';

export interface NewUser {
  email: string;
  displayName: string;
  role: PlatformRole;
  locale?: UserLocale;
}

export interface UserChanges {
  displayName?: string;
  role?: PlatformRole;
  status?: UserStatus;
  suspendedUntil?: Date | null;
}

export interface UserFilter {
  role?: PlatformRole;
  status?: UserStatus;
  /** Case-insensitive substring of the display name or email. */
  q?: string;
}

@Injectable()
export class UsersRepository extends BaseRepository<User> {
  constructor(@InjectModel(User.name) model: Model<User>) {
    super(model);
  }

  /** Throws DuplicateKeyError when the email is taken (in any letter case). */
  create(user: NewUser): Promise<UserRecord> {
    return this.insertOne({ ...user, emailNormalized: normalizeEmail(user.email) });
  }

  findByEmail(email: string): Promise<UserRecord | null> {
    return this.findOne({ emailNormalized: normalizeEmail(email) });
  }

  update(id: string, changes: UserChanges): Promise<UserRecord | null> {
    return this.updateOneAndGet({ _id: id }, { $set: changes });
  }

  async markEmailVerified(id: string, at: Date): Promise<void> {
    await this.updateMany({ _id: id, emailVerifiedAt: null }, { $set: { emailVerifiedAt: at } });
  }

  /** Moves the account to an address its owner just proved they read; throws DuplicateKeyError when it is taken. */
  changeEmail(id: string, email: string, verifiedAt: Date): Promise<UserRecord | null> {
    return this.updateOneAndGet(
      { _id: id },
      { $set: { email, emailNormalized: normalizeEmail(email), emailVerifiedAt: verifiedAt } },
    );
  }

  setLocale(id: string, locale: UserLocale): Promise<UserRecord | null> {
    return this.updateOneAndGet({ _id: id }, { $set: { locale } });
  }

  async delete(id: string): Promise<void> {
    await this.deleteOne({ _id: id });
  }

  /** Reactivates the account if it is still suspended until `endedBefore` or earlier; null otherwise. */
  endSuspension(id: string, endedBefore: Date): Promise<UserRecord | null> {
    return this.updateOneAndGet(
      { _id: id, status: 'suspended', suspendedUntil: { $ne: null, $lte: endedBefore } },
      { $set: { status: 'active', suspendedUntil: null } },
    );
  }

  countActiveAdmins(): Promise<number> {
    return this.count({ role: 'admin', status: 'active' });
  }

  list(filter: UserFilter, page: PageRequest): Promise<Page<UserRecord>> {
    const query: QueryFilter<User> = {};
    if (filter.role) query.role = filter.role;
    if (filter.status) query.status = filter.status;
    if (filter.q) {
      const pattern = containsPattern(filter.q);
      query.$or = [{ displayName: pattern }, { emailNormalized: pattern }];
    }
    return this.paginate(query, { field: 'createdAt', direction: -1, kind: 'date' }, page);
  }
}
