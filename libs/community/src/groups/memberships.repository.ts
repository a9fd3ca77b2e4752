import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Page, PageRequest } from '@plenary/core';
import { BaseRepository, isDuplicateKeyError } from '@plenary/database';
import { type Model, type QueryFilter, Types } from 'mongoose';
import type { GroupRole, MembershipStatus } from './group-kinds.js';
import { Membership, type MembershipRecord } from './membership.schema.js';

export interface NewMembership {
  groupId: string;
  userId: string;
  role: GroupRole;
  status: MembershipStatus;
  invitedBy?: string;
}

@Injectable()
export class MembershipsRepository extends BaseRepository<Membership> {
  constructor(@InjectModel(Membership.name) model: Model<Membership>) {
    super(model);
  }

  /** Throws DuplicateKeyError when the user already has a membership (of any status) in the group. */
  create(membership: NewMembership): Promise<MembershipRecord> {
    return this.insertOne({ ...membership, invitedBy: membership.invitedBy ?? null, since: new Date() });
  }

  find(groupId: string, userId: string): Promise<MembershipRecord | null> {
    return this.findOne({ groupId, userId });
  }

  findForUser(userId: string): Promise<MembershipRecord[]> {
    return this.findMany({ userId });
  }

  /** Makes a pending or invited membership active; null when it was not in `from` (any more). */
  activate(groupId: string, userId: string, from: MembershipStatus): Promise<MembershipRecord | null> {
    return this.updateOneAndGet({ groupId, userId, status: from }, { $set: { status: 'active', since: new Date() } });
  }

  /** Changes an active member's role if it is still `from`; null otherwise. */
  changeRole(groupId: string, userId: string, from: GroupRole, to: GroupRole): Promise<MembershipRecord | null> {
    return this.updateOneAndGet({ groupId, userId, status: 'active', role: from }, { $set: { role: to } });
  }

  /** Deletes the membership if it still has this status and role; false when it did not. */
  remove(groupId: string, userId: string, status: MembershipStatus, role: GroupRole): Promise<boolean> {
    return this.deleteOne({ groupId, userId, status, role });
  }

  /** Puts back a membership exactly as it was (to undo a change that broke the last-owner rule). */
  async restore(membership: MembershipRecord): Promise<void> {
    const { id, ...rest } = membership;
    try {
      await this.insertOne({ ...rest, _id: id });
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
  }

  /** Active members per group (of one role when given); groups without any are absent. */
  async countActive(groupIds: string[], role?: GroupRole): Promise<Map<string, number>> {
    if (groupIds.length === 0) return new Map();
    // Aggregation stages are not cast by mongoose: ids go in as ObjectIds.
    const match: Record<string, unknown> = {
      groupId: { $in: groupIds.map((id) => new Types.ObjectId(id)) },
      status: 'active',
    };
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
    return this.count({ groupId, status: 'active', role: 'owner' });
  }

  listInGroup(
    groupId: string,
    status: MembershipStatus,
    role: GroupRole | undefined,
    page: PageRequest,
  ): Promise<Page<MembershipRecord>> {
    const filter: QueryFilter<Membership> = { groupId, status };
    if (role) filter.role = role;
    return this.paginate(filter, { field: 'since', direction: 1, kind: 'date' }, page);
  }

  async deleteInGroup(groupId: string): Promise<void> {
    await this.deleteMany({ groupId });
  }
}
