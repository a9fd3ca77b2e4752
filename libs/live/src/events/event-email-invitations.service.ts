import { Injectable, type OnModuleInit } from '@nestjs/common';
import {
  acceptEmailInvitation,
  emailInvitationExpiry,
  emailInvitationStatus,
  emailInvitationViews,
  type EmailInvitationView,
  GroupDeleted,
  issueEmailInvitation,
  ProfilesService,
} from '@plenary/community';
import {
  ApiError,
  DomainEvents,
  hashSecretToken,
  newSecretToken,
  type Page,
  type PageQuery,
  pageRequest,
} from '@plenary/core';
import { normalizeEmail, type Principal, UsersService } from '@plenary/identity';
import { Mailer } from '@plenary/mail';
import { LiveAbilities } from '../access/live-abilities.js';
import type { AttendanceMode } from '../model/live-kinds.js';
import { eventTarget, Registrations } from '../registrations/registrations.js';
import type { RegistrationView } from '../shared/live-fields.dto.js';
import type { EventInvitationDescription, EventInvitationsSent } from './dto/event-email-invitation.dto.js';
import type { EventEmailInvitationRecord } from './event-email-invitation.schema.js';
import { EventEmailInvitationsRepository } from './event-email-invitations.repository.js';
import type { LiveEventRecord } from './event.schema.js';
import { eventInvitationMail } from './event-invitations.mails.js';
import { LiveEventsRepository } from './events.repository.js';
import { LiveEventsService } from './events.service.js';

/**
 * Invitations to an event mailed to addresses by its hosts. Whoever holds a link and signs in with
 * its address is registered, even when registration is closed to others (the host chose them);
 * the event's capacity and waiting list still apply.
 */
@Injectable()
export class EventEmailInvitationsService implements OnModuleInit {
  constructor(
    private readonly invitations: EventEmailInvitationsRepository,
    private readonly events: LiveEventsRepository,
    private readonly eventsService: LiveEventsService,
    private readonly abilities: LiveAbilities,
    private readonly registrations: Registrations,
    private readonly profiles: ProfilesService,
    private readonly users: UsersService,
    private readonly mailer: Mailer,
    private readonly domainEvents: DomainEvents,
  ) {}

  onModuleInit(): void {
    this.domainEvents.subscribe(GroupDeleted, EventEmailInvitationsService.name, ({ groupId }) =>
      this.invitations.deleteInGroup(groupId),
    );
  }

  /** Mails each distinct address a link (none again to an address mailed within the last minute). */
  async invite(principal: Principal, eventId: string, emails: string[]): Promise<EventInvitationsSent> {
    const event = await this.eventsService.openToManage(await this.abilities.of(principal), eventId);
    const now = new Date();
    if (event.endsAt.getTime() <= now.getTime()) throw ApiError.conflict('This event is over');
    const expiresAt = new Date(Math.min(emailInvitationExpiry(now).getTime(), event.endsAt.getTime()));
    // A repeated address is mailed once, as it was first typed.
    const addresses = new Map(emails.toReversed().map((email) => [normalizeEmail(email), email]));
    const inviter = await this.users.contactOf(principal.id);
    for (const [emailNormalized, email] of addresses) {
      const { token, hash } = newSecretToken();
      const invitation = await issueEmailInvitation(this.invitations, event.id, {
        eventId: event.id,
        groupId: event.groupId,
        email,
        emailNormalized,
        invitedBy: principal.id,
        tokenHash: hash,
        sentAt: now,
        expiresAt,
      });
      if (invitation.tokenHash !== hash) continue;
      await this.mailer.send({
        to: email,
        // the invitee's language when the address has an account, else the host's
        locale: (await this.users.localeOfAddress(email)) ?? inviter?.locale,
        template: eventInvitationMail,
        data: {
          inviterName: principal.displayName,
          eventTitle: event.title,
          startsAt: event.startsAt,
          timezone: event.timezone,
          url: this.mailer.link(`/invitations/events/${token}`),
        },
      });
    }
    return { invited: addresses.size };
  }

  async listOpen(principal: Principal, eventId: string, query: PageQuery): Promise<Page<EmailInvitationView>> {
    const event = await this.eventsService.openToManage(await this.abilities.of(principal), eventId);
    return emailInvitationViews(
      await this.invitations.listOpen(event.id, new Date(), pageRequest(query)),
      this.profiles,
    );
  }

  async withdraw(principal: Principal, eventId: string, invitationId: string): Promise<void> {
    const event = await this.eventsService.openToManage(await this.abilities.of(principal), eventId);
    if (!(await this.invitations.withdraw(event.id, invitationId, new Date()))) throw ApiError.notFound('Invitation');
  }

  async describe(token: string): Promise<EventInvitationDescription> {
    const { invitation, event } = await this.openByToken(token);
    const inviter = (await this.profiles.authorNames([invitation.invitedBy])).get(invitation.invitedBy);
    return {
      event: { id: event.id, title: event.title, startsAt: event.startsAt },
      email: invitation.email,
      invitedBy: { displayName: inviter?.displayName ?? '' },
      expiresAt: invitation.expiresAt,
      status: emailInvitationStatus(invitation),
    };
  }

  /**
   * Registers the caller for the event, as registering does, when their account has the invited
   * address (even when registration is closed to others; capacity and the waiting list still apply).
   */
  async accept(principal: Principal, token: string, mode: AttendanceMode | undefined): Promise<RegistrationView> {
    const { invitation, event } = await this.openByToken(token);
    const outcome = await acceptEmailInvitation(this.invitations, invitation, principal, () =>
      this.registrations.register(
        { key: eventTarget(event.id), capacity: event.capacity, open: event.endsAt.getTime() > Date.now() },
        principal.id,
        mode ?? (event.format === 'in_person' ? 'in_person' : 'remote'),
      ),
    );
    // following the link proved they read mail there
    await this.users.markEmailVerified(principal.id, invitation.email);
    return { mode: outcome.mode, status: outcome.status };
  }

  private async openByToken(
    token: string,
  ): Promise<{ invitation: EventEmailInvitationRecord; event: LiveEventRecord }> {
    const invitation = await this.invitations.findByTokenHash(hashSecretToken(token));
    const event = invitation ? await this.events.findById(invitation.eventId) : null;
    if (!invitation || !event) throw ApiError.notFound('Invitation');
    return { invitation, event };
  }
}
