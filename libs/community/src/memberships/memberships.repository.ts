import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Page } from '@plenary/core';
import {
  BaseRepository,
  isDuplicateKeyError,
  type PageRequest,
  rethrowDuplicateKey,
  toRecord,
} from '@plenary/database';
import { type Model, type QueryFilter, Types } from 'mongoose';
import type { GroupRole } from '../groups/group-kinds.js';
import { Membership, type MembershipRecord, type MembershipStatus } from './membership.schema.js';

export interface NewMembership {
  groupId: string;
  userId: string;
  role: GroupRole;
  status: MembershipStatus;
  invitedBy?: string;
}

type MembershipDocument = Membership & { _id: Types.ObjectId };

const oid = (id: string) => new Types.ObjectId(id);

@Injectable()
export class MembershipsRepository extends BaseRepository<Membership> {
  constructor(@InjectModel(Membership.name) model: Model<Membership>) {
    super(model);
  }

  /** Throws DuplicateKeyError when the user already has a membership (of any status) in the group. */
  async create(membership: NewMembership): Promise<MembershipRecord> {
    try {
      const created = await this.model.create({
        groupId: oid(membership.groupId),
        userId: oid(membership.userId),
        role: membership.role,
        status: membership.status,
        invitedBy: membership.invitedBy ? oid(membership.invitedBy) : null,
        since: new Date(),
      });
      return toRecord<Membership>(created.toObject<MembershipDocument>());
    } catch (error) {
      rethrowDuplicateKey(error);
    }
  }

  async find(groupId: string, userId: string): Promise<MembershipRecord | null> {
    const membership = await this.model
      .findOne({ groupId: oid(groupId), userId: oid(userId) })
      .lean<MembershipDocument>()
      .exec();
    return membership ? toRecord<Membership>(membership) : null;
  }

  async findForUser(userId: string): Promise<MembershipRecord[]> {
    const memberships = await this.model
      .find({ userId: oid(userId) })
      .lean<MembershipDocument[]>()
      .exec();
    return memberships.map((membership) => toRecord<Membership>(membership));
  }

  /** Makes a pending or invited membership active; null when it was not in `from` (any more). */
  async activate(groupId: string, userId: string, from: MembershipStatus): Promise<MembershipRecord | null> {
    const membership = await this.model
      .findOneAndUpdate(
        { groupId: oid(groupId), userId: oid(userId), status: from },
        { $set: { status: 'active', since: new Date() } },
        { new: true },
      )
      .lean<MembershipDocument>()
      .exec();
    return membership ? toRecord<Membership>(membership) : null;
  }

  /** Changes an active member's role if it is still `from`; null otherwise. */
  async changeRole(groupId: string, userId: string, from: GroupRole, to: GroupRole): Promise<MembershipRecord | null> {
    const membership = await this.model
      .findOneAndUpdate(
        { groupId: oid(groupId), userId: oid(userId), status: 'active', role: from },
        { $set: { role: to } },
        { new: true },
      )
      .lean<MembershipDocument>()
      .exec();
    return membership ? toRecord<Membership>(membership) : null;
  }

  /** Deletes the membership if it still has this status and role; false when it did not. */
  async remove(groupId: string, userId: string, status: MembershipStatus, role: GroupRole): Promise<boolean> {
    const result = await this.model.deleteOne({ groupId: oid(groupId), userId: oid(userId), status, role }).exec();
    return result.deletedCount === 1;
  }

  /** Puts back a membership exactly as it was (to undo a change that broke the last-owner rule). */
  async restore(membership: MembershipRecord): Promise<void> {
    const { id, groupId, userId, invitedBy, ...rest } = membership;
    try {
      await this.model.create({
        ...rest,
        _id: oid(id),
        groupId: oid(groupId),
        userId: oid(userId),
        invitedBy: invitedBy ? oid(invitedBy) : null,
      });
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
  }

  /** Active members per group (of one role when given); groups without any are absent. */
  async countActive(groupIds: string[], role?: GroupRole): Promise<Map<string, number>> {
    if (groupIds.length === 0) return new Map();
    const match: Record<string, unknown> = { groupId: { $in: groupIds.map(oid) }, status: 'active' };
    if (role) match.role = role;
    const counts = await this.model
      .aggregate<{ _id: Types.ObjectId; count: number }>([
        { $match: match },
        { $group: { _id: '$groupId', count: { $sum: 1 } } },
      ])
      .exec();
    return new Map(counts.map((count) => [count._id.toString(), count.count]));
  }

  countOwners(groupId: string): Promise<number> {
    return this.model.countDocuments({ groupId: oid(groupId), status: 'active', role: 'owner' }).exec();
  }

  listInGroup(
    groupId: string,
    status: MembershipStatus,
    role: GroupRole | undefined,
    page: PageRequest,
  ): Promise<Page<MembershipRecord>> {
    const filter: QueryFilter<Membership> = { groupId: oid(groupId), status };
    if (role) filter.role = role;
    return this.paginate(filter, { field: 'since', direction: 1, isDate: true }, page);
  }

  async deleteInGroup(groupId: string): Promise<void> {
    await this.model.deleteMany({ groupId: oid(groupId) }).exec();
  }
}
