import { ApiError } from '@plenary/core';
import { DuplicateKeyError } from '@plenary/database';
import { normalizeEmail, type Principal } from '@plenary/identity';

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
