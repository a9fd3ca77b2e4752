import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Page, PageRequest } from '@plenary/core';
import { BaseRepository } from '@plenary/database';
import type { Model } from 'mongoose';
import { EventEmailInvitation, type EventEmailInvitationRecord } from './event-email-invitation.schema.js';

export interface IssuedEventInvitation {
  eventId: string;
  groupId: string | null;
  email: string;
  emailNormalized: string;
  invitedBy: string;
  tokenHash: string;
  sentAt: Date;
  expiresAt: Date;
}

const OPEN = { acceptedAt: null, withdrawnAt: null };

@Injectable()
export class EventEmailInvitationsRepository extends BaseRepository<EventEmailInvitation> {
  constructor(@InjectModel(EventEmailInvitation.name) model: Model<EventEmailInvitation>) {
    super(model);
  }

  /** Throws DuplicateKeyError when the address was invited to the event before. */
  create(invitation: IssuedEventInvitation): Promise<EventEmailInvitationRecord> {
    return this.insertOne(invitation);
  }

  findByAddress(eventId: string, emailNormalized: string): Promise<EventEmailInvitationRecord | null> {
    return this.findOne({ eventId, emailNormalized });
  }

  findByTokenHash(tokenHash: string): Promise<EventEmailInvitationRecord | null> {
    return this.findOne({ tokenHash });
  }

  /** Opens the invitation again with a new token; null when another request re-issued it since `previousSentAt`. */
  reissue(
    id: string,
    previousSentAt: Date,
    invitation: IssuedEventInvitation,
  ): Promise<EventEmailInvitationRecord | null> {
    return this.updateOneAndGet(
      { _id: id, sentAt: previousSentAt },
      { $set: { ...invitation, acceptedAt: null, acceptedBy: null, withdrawnAt: null } },
    );
  }

  /** Marks the open, unexpired invitation accepted by the user; null when it was not open (any more). */
  claim(id: string, userId: string, now: Date): Promise<EventEmailInvitationRecord | null> {
    return this.updateOneAndGet(
      { _id: id, ...OPEN, expiresAt: { $gt: now } },
      { $set: { acceptedAt: now, acceptedBy: userId } },
    );
  }

  /** Undoes the user's claim when the registration could not be made. */
  async release(id: string, userId: string): Promise<void> {
    await this.updateMany({ _id: id, acceptedBy: userId }, { $set: { acceptedAt: null, acceptedBy: null } });
  }

  async withdraw(eventId: string, id: string, now: Date): Promise<boolean> {
    return (await this.updateMany({ _id: id, eventId, ...OPEN }, { $set: { withdrawnAt: now } })) === 1;
  }

  /** The invitations still open at `now`, soonest to expire first. */
  listOpen(eventId: string, now: Date, page: PageRequest): Promise<Page<EventEmailInvitationRecord>> {
    return this.paginate(
      { eventId, ...OPEN, expiresAt: { $gt: now } },
      { field: 'expiresAt', direction: 1, kind: 'date' },
      page,
    );
  }

  async deleteInGroup(groupId: string): Promise<void> {
    await this.deleteMany({ groupId });
  }
}
