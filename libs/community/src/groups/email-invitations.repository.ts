import type { Page, PageRequest } from '@plenary/core';
import { BaseRepository, type PlainRecord } from '@plenary/database';
import type { Model, QueryFilter } from 'mongoose';
import type { EmailInvitationFields } from './email-invitation.schema.js';

/** What a new (or re-issued) invitation is stored with, beside its scope's id. */
export interface IssuedEmailInvitation {
  email: string;
  emailNormalized: string;
  invitedBy: string;
  tokenHash: string;
  sentAt: Date;
  expiresAt: Date;
}

const OPEN = { acceptedAt: null, withdrawnAt: null };

/**
 * Invitations by email of one kind, each under the id of what it invites to (`scope`: groupId,
 * eventId); one per (scope, address), which the kind's schema makes a unique index.
 */
export abstract class EmailInvitationsRepository<
  TSchema extends EmailInvitationFields,
  Issued extends IssuedEmailInvitation,
> extends BaseRepository<TSchema> {
  protected constructor(
    model: Model<TSchema>,
    private readonly scope: string,
  ) {
    super(model);
  }

  private filter(fields: Record<string, unknown>): QueryFilter<TSchema> {
    return fields as QueryFilter<TSchema>;
  }

  /** Throws DuplicateKeyError when the address was invited before. */
  create(invitation: Issued): Promise<PlainRecord<TSchema>> {
    return this.insertOne(invitation as Partial<Record<keyof TSchema | '_id', unknown>>);
  }

  findByAddress(scopeId: string, emailNormalized: string): Promise<PlainRecord<TSchema> | null> {
    return this.findOne(this.filter({ [this.scope]: scopeId, emailNormalized }));
  }

  findByTokenHash(tokenHash: string): Promise<PlainRecord<TSchema> | null> {
    return this.findOne(this.filter({ tokenHash }));
  }

  /** Opens the invitation again with a new token; null when another request re-issued it since `previousSentAt`. */
  reissue(id: string, previousSentAt: Date, invitation: Issued): Promise<PlainRecord<TSchema> | null> {
    return this.updateOneAndGet(this.filter({ _id: id, sentAt: previousSentAt }), {
      $set: { ...invitation, acceptedAt: null, acceptedBy: null, withdrawnAt: null },
    });
  }

  /** Marks the open, unexpired invitation accepted by the user; null when it was not open (any more). */
  claim(id: string, userId: string, now: Date): Promise<PlainRecord<TSchema> | null> {
    return this.updateOneAndGet(this.filter({ _id: id, ...OPEN, expiresAt: { $gt: now } }), {
      $set: { acceptedAt: now, acceptedBy: userId },
    });
  }

  /** Undoes the user's claim when what it accepts (a membership, a registration) could not be made. */
  async release(id: string, userId: string): Promise<void> {
    await this.updateMany(this.filter({ _id: id, acceptedBy: userId }), {
      $set: { acceptedAt: null, acceptedBy: null },
    });
  }

  async withdraw(scopeId: string, id: string, now: Date): Promise<boolean> {
    const withdrawn = await this.updateMany(this.filter({ _id: id, [this.scope]: scopeId, ...OPEN }), {
      $set: { withdrawnAt: now },
    });
    return withdrawn === 1;
  }

  /** The invitations still open at `now`, soonest to expire first. */
  listOpen(scopeId: string, now: Date, page: PageRequest): Promise<Page<PlainRecord<TSchema>>> {
    return this.paginate(
      this.filter({ [this.scope]: scopeId, ...OPEN, expiresAt: { $gt: now } }),
      { field: 'expiresAt', direction: 1, kind: 'date' },
      page,
    );
  }

  /** Those the user sent, oldest first: for their data export. */
  sentBy(userId: string): Promise<PlainRecord<TSchema>[]> {
    return this.findMany(this.filter({ invitedBy: userId }), { _id: 1 });
  }

  /** Those the user accepted, oldest first: for their data export. */
  acceptedBy(userId: string): Promise<PlainRecord<TSchema>[]> {
    return this.findMany(this.filter({ acceptedBy: userId }), { _id: 1 });
  }

  /**
   * When the account is deleted: what it accepted goes (the address was its own), and so does what
   * it sent that nobody accepted (a link in the name of someone no longer here). What others
   * accepted stays, as their membership or registration does.
   */
  async eraseFor(userId: string): Promise<void> {
    await this.deleteMany(this.filter({ acceptedBy: userId }));
    await this.deleteMany(this.filter({ invitedBy: userId, acceptedAt: null }));
  }

  /** Every invitation under the group: the group's own, or those to its events. */
  async deleteInGroup(groupId: string): Promise<void> {
    await this.deleteMany(this.filter({ groupId }));
  }
}
