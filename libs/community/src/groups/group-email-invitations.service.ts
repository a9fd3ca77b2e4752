import { Injectable } from '@nestjs/common';
import { ApiError, hashSecretToken, newSecretToken, type Page, type PageQuery, pageRequest } from '@plenary/core';
import { normalizeEmail, type Principal, UsersService } from '@plenary/identity';
import { Mailer } from '@plenary/mail';
import { ProfilesService } from '../profiles/profiles.service.js';
import type { EmailInvitationSent, EmailInvitationView } from './dto/email-invitation.dto.js';
import type { GroupInvitationDescription } from './dto/group-email-invitation.dto.js';
import type { MembershipView } from './dto/membership.dto.js';
import {
  acceptEmailInvitation,
  emailInvitationExpiry,
  emailInvitationStatus,
  emailInvitationViews,
  issueEmailInvitation,
} from './email-invitation.js';
import type { GroupEmailInvitationRecord } from './group-email-invitation.schema.js';
import { GroupEmailInvitationsRepository, type IssuedGroupInvitation } from './group-email-invitations.repository.js';
import { groupInvitationMail } from './group-invitations.mails.js';
import { GroupAccess } from './group-scope.js';
import { GroupsRepository } from './groups.repository.js';
import { MembershipsService } from './memberships.service.js';

/**
 * Invitations to a group mailed to an address. The inviter learns nothing about whether the
 * address has an account; whoever holds the link and signs in with that address becomes a member.
 */
@Injectable()
export class GroupEmailInvitationsService {
  constructor(
    private readonly invitations: GroupEmailInvitationsRepository,
    private readonly groups: GroupsRepository,
    private readonly groupAccess: GroupAccess,
    private readonly memberships: MembershipsService,
    private readonly profiles: ProfilesService,
    private readonly users: UsersService,
    private readonly mailer: Mailer,
  ) {}

  /** Mails the address a link to join; again within a minute, it only answers (no second mail). */
  async invite(principal: Principal, groupId: string, email: string): Promise<EmailInvitationSent> {
    const { group } = await this.groupAccess.openFor(principal, groupId, 'invite');
    const now = new Date();
    const { token, hash } = newSecretToken();
    const issued: IssuedGroupInvitation = {
      groupId: group.id,
      email,
      emailNormalized: normalizeEmail(email),
      invitedBy: principal.id,
      tokenHash: hash,
      sentAt: now,
      expiresAt: emailInvitationExpiry(now),
    };
    const invitation = await issueEmailInvitation(this.invitations, group.id, issued);
    if (invitation.tokenHash === hash) {
      // the invitee's language when the address has an account, else the inviter's
      const inviter = await this.users.contactOf(principal.id);
      await this.mailer.send({
        to: email,
        locale: (await this.users.localeOfAddress(email)) ?? inviter?.locale,
        template: groupInvitationMail,
        data: {
          inviterName: principal.displayName,
          groupName: group.name,
          url: this.mailer.link(`/invitations/groups/${token}`),
          expiresAt: invitation.expiresAt,
        },
      });
    }
    return { email: invitation.email, expiresAt: invitation.expiresAt };
  }

  /** The open invitations of the group, for those who may invite. */
  async listOpen(principal: Principal, groupId: string, query: PageQuery): Promise<Page<EmailInvitationView>> {
    const { group } = await this.groupAccess.openFor(principal, groupId, 'invite');
    return emailInvitationViews(
      await this.invitations.listOpen(group.id, new Date(), pageRequest(query)),
      this.profiles,
    );
  }

  async withdraw(principal: Principal, groupId: string, invitationId: string): Promise<void> {
    const { group } = await this.groupAccess.openFor(principal, groupId, 'invite');
    if (!(await this.invitations.withdraw(group.id, invitationId, new Date()))) throw ApiError.notFound('Invitation');
  }

  async describe(token: string): Promise<GroupInvitationDescription> {
    const { invitation, group } = await this.openByToken(token);
    const inviter = (await this.profiles.authorNames([invitation.invitedBy])).get(invitation.invitedBy);
    return {
      group: { id: group.id, name: group.name },
      email: invitation.email,
      invitedBy: { displayName: inviter?.displayName ?? '' },
      expiresAt: invitation.expiresAt,
      status: emailInvitationStatus(invitation),
    };
  }

  /** Makes the caller a member, as accepting an invitation does, when their account has the invited address. */
  async accept(principal: Principal, token: string): Promise<MembershipView> {
    const { invitation, group } = await this.openByToken(token);
    const membership = await acceptEmailInvitation(this.invitations, invitation, principal, () =>
      this.memberships.admitInvitee(principal, group.id, invitation.invitedBy),
    );
    // following the link proved they read mail there
    await this.users.markEmailVerified(principal.id, invitation.email);
    return membership;
  }

  private async openByToken(
    token: string,
  ): Promise<{ invitation: GroupEmailInvitationRecord; group: { id: string; name: string } }> {
    const invitation = await this.invitations.findByTokenHash(hashSecretToken(token));
    const group = invitation ? await this.groups.findById(invitation.groupId) : null;
    if (!invitation || !group) throw ApiError.notFound('Invitation');
    return { invitation, group };
  }
}
