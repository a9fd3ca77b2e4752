import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Page } from '@plenary/core';
import { BaseRepository, containsPattern, type PageRequest, rethrowDuplicateKey, toRecord } from '@plenary/database';
import type { Model, QueryFilter, Types } from 'mongoose';
import { normalizeEmail, type PlatformRole, User, type UserRecord, type UserStatus } from './user.schema.js';

export interface NewUser {
  email: string;
  displayName: string;
  role: PlatformRole;
}

export interface UserChanges {
  displayName?: string;
  role?: PlatformRole;
  status?: UserStatus;
}

export interface UserFilter {
  role?: PlatformRole;
  status?: UserStatus;
  /** Case-insensitive substring of the display name or email. */
  q?: string;
}

type UserDocument = User & { _id: Types.ObjectId };

@Injectable()
export class UsersRepository extends BaseRepository<User> {
  constructor(@InjectModel(User.name) model: Model<User>) {
    super(model);
  }

  /** Throws DuplicateKeyError when the email is taken (in any letter case). */
  async create(user: NewUser): Promise<UserRecord> {
    try {
      const created = await this.model.create({ ...user, emailNormalized: normalizeEmail(user.email) });
      return toRecord<User>(created.toObject<UserDocument>());
    } catch (error) {
      rethrowDuplicateKey(error);
    }
  }

  async findByEmail(email: string): Promise<UserRecord | null> {
    const document = await this.model
      .findOne({ emailNormalized: normalizeEmail(email) })
      .lean<UserDocument>()
      .exec();
    return document ? toRecord<User>(document) : null;
  }

  async update(id: string, changes: UserChanges): Promise<UserRecord | null> {
    const document = await this.model
      .findOneAndUpdate({ _id: id }, { $set: changes }, { new: true, runValidators: true })
      .lean<UserDocument>()
      .exec();
    return document ? toRecord<User>(document) : null;
  }

  async delete(id: string): Promise<void> {
    await this.model.deleteOne({ _id: id }).exec();
  }

  countActiveAdmins(): Promise<number> {
    return this.model.countDocuments({ role: 'admin', status: 'active' }).exec();
  }

  list(filter: UserFilter, page: PageRequest): Promise<Page<UserRecord>> {
    const query: QueryFilter<User> = {};
    if (filter.role) query.role = filter.role;
    if (filter.status) query.status = filter.status;
    if (filter.q) {
      const pattern = containsPattern(filter.q);
      query.$or = [{ displayName: pattern }, { emailNormalized: pattern }];
    }
    return this.paginate(query, { field: 'createdAt', direction: -1, isDate: true }, page);
  }
}
