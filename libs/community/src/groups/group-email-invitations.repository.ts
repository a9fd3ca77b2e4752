import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Page, PageRequest } from '@plenary/core';
import { BaseRepository } from '@plenary/database';
import type { Model } from 'mongoose';
import { GroupEmailInvitation, type GroupEmailInvitationRecord } from './group-email-invitation.schema.js';

export interface IssuedGroupInvitation {
  groupId: string;
  email: string;
  emailNormalized: string;
  invitedBy: string;
  tokenHash: string;
  sentAt: Date;
  expiresAt: Date;
}

const OPEN = { acceptedAt: null, withdrawnAt: null };

@Injectable()
export class GroupEmailInvitationsRepository extends BaseRepository<GroupEmailInvitation> {
  constructor(@InjectModel(GroupEmailInvitation.name) model: Model<GroupEmailInvitation>) {
    super(model);
  }

  /** Throws DuplicateKeyError when the address was invited to the group before. */
  create(invitation: IssuedGroupInvitation): Promise<GroupEmailInvitationRecord> {
    return this.insertOne(invitation);
  }

  findByAddress(groupId: string, emailNormalized: string): Promise<GroupEmailInvitationRecord | null> {
    return this.findOne({ groupId, emailNormalized });
  }

  findByTokenHash(tokenHash: string): Promise<GroupEmailInvitationRecord | null> {
    return this.findOne({ tokenHash });
  }

  /** Opens the invitation again with a new token; null when another request re-issued it since `previousSentAt`. */
  reissue(
    id: string,
    previousSentAt: Date,
    invitation: IssuedGroupInvitation,
  ): Promise<GroupEmailInvitationRecord | null> {
    return this.updateOneAndGet(
      { _id: id, sentAt: previousSentAt },
      { $set: { ...invitation, acceptedAt: null, acceptedBy: null, withdrawnAt: null } },
    );
  }

  /** Marks the open, unexpired invitation accepted by the user; null when it was not open (any more). */
  claim(id: string, userId: string, now: Date): Promise<GroupEmailInvitationRecord | null> {
    return this.updateOneAndGet(
      { _id: id, ...OPEN, expiresAt: { $gt: now } },
      { $set: { acceptedAt: now, acceptedBy: userId } },
    );
  }

  /** Undoes the user's claim when the membership could not be made. */
  async release(id: string, userId: string): Promise<void> {
    await this.updateMany({ _id: id, acceptedBy: userId }, { $set: { acceptedAt: null, acceptedBy: null } });
  }

  async withdraw(groupId: string, id: string, now: Date): Promise<boolean> {
    return (await this.updateMany({ _id: id, groupId, ...OPEN }, { $set: { withdrawnAt: now } })) === 1;
  }

  /** The invitations still open at `now`, soonest to expire first. */
  listOpen(groupId: string, now: Date, page: PageRequest): Promise<Page<GroupEmailInvitationRecord>> {
    return this.paginate(
      { groupId, ...OPEN, expiresAt: { $gt: now } },
      { field: 'expiresAt', direction: 1, kind: 'date' },
      page,
    );
  }

  async deleteInGroup(groupId: string): Promise<void> {
    await this.deleteMany({ groupId });
  }
}
