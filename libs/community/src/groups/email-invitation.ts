import { ApiError, type Page } from '@plenary/core';
import { DuplicateKeyError } from '@plenary/database';
import { normalizeEmail, type Principal } from '@plenary/identity';
import type { ProfilesService } from '../profiles/profiles.service.js';
import type { EmailInvitationView } from './dto/email-invitation.dto.js';

/**
 * What invitations by email (to a group, to an event) have in common: a link mailed to an address,
 * valid for two weeks, accepted once by the account with that address.
 */
export const EMAIL_INVITATION_STATUSES = ['open', 'accepted', 'expired', 'withdrawn'] as const;
export type EmailInvitationStatus = (typeof EMAIL_INVITATION_STATUSES)[number];

export const EMAIL_INVITATION_DAYS = 14;
/** Inviting an address again within this time sends no second mail (a double click, an impatient inviter). */
export const EMAIL_REINVITE_QUIET_MS = 60_000;

export interface EmailInvitationState {
  email: string;
  expiresAt: Date;
  acceptedAt: Date | null;
  withdrawnAt: Date | null;
}

/** Where invitations of one kind are kept: one per (group or event, address). */
export interface EmailInvitationStore<Issued, Stored> {
  /** Throws DuplicateKeyError when the address was invited before. */
  create(issued: Issued): Promise<Stored>;
  findByAddress(scopeId: string, emailNormalized: string): Promise<Stored | null>;
  /** Null when another request re-issued it since `previousSentAt`. */
  reissue(id: string, previousSentAt: Date, issued: Issued): Promise<Stored | null>;
}

/**
 * Stores a new invitation, or gives the address's earlier one the new token and expiry. An earlier
 * one still open and mailed within the quiet time comes back as it was: its token is not the new
 * one, which tells the caller to send no mail.
 */
export async function issueEmailInvitation<
  Issued extends { emailNormalized: string; sentAt: Date },
  Stored extends EmailInvitationState & { id: string; sentAt: Date },
>(store: EmailInvitationStore<Issued, Stored>, scopeId: string, issued: Issued): Promise<Stored> {
  try {
    return await store.create(issued);
  } catch (error) {
    if (!(error instanceof DuplicateKeyError)) throw error;
  }
  const earlier = await store.findByAddress(scopeId, issued.emailNormalized);
  if (!earlier) throw ApiError.conflict('This invitation changed meanwhile; try again');
  const quiet = issued.sentAt.getTime() - earlier.sentAt.getTime() < EMAIL_REINVITE_QUIET_MS;
  if (quiet && emailInvitationStatus(earlier) === 'open') return earlier;
  return (await store.reissue(earlier.id, earlier.sentAt, issued)) ?? earlier;
}

export function emailInvitationExpiry(now: Date): Date {
  return new Date(now.getTime() + EMAIL_INVITATION_DAYS * 24 * 3600_000);
}

export function emailInvitationStatus(invitation: EmailInvitationState, now = new Date()): EmailInvitationStatus {
  if (invitation.acceptedAt) return 'accepted';
  if (invitation.withdrawnAt) return 'withdrawn';
  return invitation.expiresAt.getTime() <= now.getTime() ? 'expired' : 'open';
}

/** `amina@example.org` → `a***@example.org`: enough for its owner to recognise it, not to learn it. */
export function maskedEmail(email: string): string {
  const at = email.lastIndexOf('@');
  return `${email.slice(0, 1)}***${email.slice(at)}`;
}

const NO_LONGER_OPEN: Record<Exclude<EmailInvitationStatus, 'open'>, string> = {
  accepted: 'was already accepted',
  expired: 'has expired',
  withdrawn: 'was withdrawn',
};

/** 409 naming `token` when the invitation is no longer open (why, in the detail); nothing when it is. */
export function assertEmailInvitationOpen(invitation: EmailInvitationState): void {
  const status = emailInvitationStatus(invitation);
  if (status === 'open') return;
  throw ApiError.conflict(`This invitation ${NO_LONGER_OPEN[status]}`, [
    { field: 'token', problem: NO_LONGER_OPEN[status] },
  ]);
}

/** 403 unless the caller's account has the invited address (in any letter case). */
export function assertInvitedAddress(invitation: EmailInvitationState, caller: Principal): void {
  if (normalizeEmail(caller.email) === normalizeEmail(invitation.email)) return;
  throw ApiError.forbidden(
    `This invitation is for ${maskedEmail(invitation.email)}: sign in with that address to accept it`,
  );
}

/** How an invitation is claimed for the one account that accepts it, and given back. */
export interface ClaimableEmailInvitations {
  /** Null when the invitation was not open (any more). */
  claim(id: string, userId: string, now: Date): Promise<unknown>;
  release(id: string, userId: string): Promise<void>;
  findById(id: string): Promise<EmailInvitationState | null>;
}

/**
 * Accepts the invitation for the caller when their account has the invited address: claims it
 * first, so it is used once however many accepts arrive together, then `admit`s them (a
 * membership, a registration) and gives the invitation back when that fails.
 */
export async function acceptEmailInvitation<T>(
  invitations: ClaimableEmailInvitations,
  invitation: EmailInvitationState & { id: string },
  principal: Principal,
  admit: () => Promise<T>,
): Promise<T> {
  assertEmailInvitationOpen(invitation);
  assertInvitedAddress(invitation, principal);
  if (!(await invitations.claim(invitation.id, principal.id, new Date()))) {
    assertEmailInvitationOpen((await invitations.findById(invitation.id)) ?? invitation);
    throw ApiError.conflict('This invitation changed meanwhile; reload and try again');
  }
  try {
    return await admit();
  } catch (error) {
    await invitations.release(invitation.id, principal.id);
    throw error;
  }
}

/** A page of open invitations with their inviters' names, as those who may invite list them. */
export async function emailInvitationViews(
  page: Page<EmailInvitationState & { id: string; invitedBy: string; createdAt: Date }>,
  profiles: ProfilesService,
): Promise<Page<EmailInvitationView>> {
  const inviters = await profiles.authorNames(page.items.map((invitation) => invitation.invitedBy));
  return {
    items: page.items.map((invitation) => ({
      id: invitation.id,
      email: invitation.email,
      invitedBy: inviters.get(invitation.invitedBy) ?? { id: null, displayName: '' },
      expiresAt: invitation.expiresAt,
      createdAt: invitation.createdAt,
    })),
    nextCursor: page.nextCursor,
  };
}

/** Where a user's invitations of one kind are read for their data export. */
export interface ExportableEmailInvitations<Stored> {
  sentBy(userId: string): Promise<Stored[]>;
  acceptedBy(userId: string): Promise<Stored[]>;
}

/**
 * A user's invitations of one kind, as their data export gives them: those they sent (to which
 * address, and what came of it) and those they accepted. `scopeOf` names what each invites to.
 */
export async function exportedEmailInvitations<Stored extends EmailInvitationState & { sentAt: Date }>(
  invitations: ExportableEmailInvitations<Stored>,
  userId: string,
  scopeOf: (invitation: Stored) => Record<string, string | null>,
): Promise<{ sent: unknown[]; accepted: unknown[] }> {
  const now = new Date();
  return {
    sent: (await invitations.sentBy(userId)).map((invitation) => ({
      ...scopeOf(invitation),
      email: invitation.email,
      sentAt: invitation.sentAt,
      expiresAt: invitation.expiresAt,
      status: emailInvitationStatus(invitation, now),
    })),
    accepted: (await invitations.acceptedBy(userId)).map((invitation) => ({
      ...scopeOf(invitation),
      email: invitation.email,
      acceptedAt: invitation.acceptedAt,
    })),
  };
}
