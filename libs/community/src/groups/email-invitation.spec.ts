import { describe, expect, it } from '@jest/globals';
import { principal } from '@plenary/testing';
import { GroupEmailInvitationSchema } from './group-email-invitation.schema.js';
import {
  assertEmailInvitationOpen,
  assertInvitedAddress,
  emailInvitationStatus,
  maskedEmail,
} from './email-invitation.js';

const NOW = new Date('2025-12-01T12:00:00Z');
const open = {
  email: 'Amina@Example.org',
  expiresAt: new Date('2025-12-15T12:00:00Z'),
  acceptedAt: null,
  withdrawnAt: null,
};

describe('invitations by email', () => {
  it('is open until it expires, and accepted or withdrawn for good', () => {
    expect(emailInvitationStatus(open, NOW)).toBe('open');
    expect(emailInvitationStatus(open, open.expiresAt)).toBe('expired');
    expect(emailInvitationStatus({ ...open, acceptedAt: NOW }, NOW)).toBe('accepted');
    expect(emailInvitationStatus({ ...open, withdrawnAt: NOW }, NOW)).toBe('withdrawn');
  });

  it('says why it can no longer be accepted, naming the token', () => {
    expect(() => assertEmailInvitationOpen({ ...open, withdrawnAt: NOW })).toThrow('This invitation was withdrawn');
    expect(() => assertEmailInvitationOpen({ ...open, expiresAt: new Date(0) })).toThrow('This invitation has expired');
  });

  it('is accepted only by the account with the invited address, in any letter case', () => {
    expect(() => assertInvitedAddress(open, { ...principal('amina'), email: 'amina@example.ORG' })).not.toThrow();
    expect(() => assertInvitedAddress(open, principal('other'))).toThrow('This invitation is for A***@Example.org');
  });

  it('masks all of an address but its first letter and its domain', () => {
    expect(maskedEmail('nadia.k@example.org')).toBe('n***@example.org');
  });

  it.each(['groupId', 'invitedBy', 'acceptedBy'])('declares %s as an ObjectId path', (path) => {
    expect(GroupEmailInvitationSchema.path(path).instance).toBe('ObjectId');
  });
});
