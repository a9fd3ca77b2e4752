import { Injectable, type OnModuleInit } from '@nestjs/common';
import { exportedEmailInvitations, GroupDeleted, GroupVisibilityChanged } from '@plenary/community';
import { DomainEvents } from '@plenary/core';
import { type AccountParticipant, AccountParticipants } from '@plenary/identity';
import { JoinCodes } from './codes/join-codes.js';
import { ForumCarriesRepository } from './forum-carry/forum-carries.repository.js';
import { PollsRepository, PollVotesRepository } from './polls/polls.repository.js';
import { QuestionsRepository, QuestionVotesRepository } from './questions/questions.repository.js';
import { EventEmailInvitationsRepository } from './events/event-email-invitations.repository.js';
import { liveAudienceOf } from './events/events.service.js';
import { LiveEventsRepository } from './events/events.repository.js';
import { eventTarget, Registrations, sessionTarget } from './registrations/registrations.js';
import { RegistrationsRepository, SeatsRepository } from './registrations/registrations.repository.js';
import { SessionRolesRepository } from './roles/session-roles.repository.js';
import { LiveSessionsRepository } from './sessions/sessions.repository.js';

/**
 * Live sessions' part in the community's and in accounts' lives: a group's events and sessions
 * follow its visibility and go with it (their questions, polls and votes too); a member's
 * registrations, roles and invitations by email are exported and erased with their account (what they asked stays, as
 * asked: a question belongs to its session's record).
 */
@Injectable()
export class LiveCommunity implements AccountParticipant, OnModuleInit {
  readonly section = 'live';

  constructor(
    private readonly events: DomainEvents,
    private readonly participants: AccountParticipants,
    private readonly liveEvents: LiveEventsRepository,
    private readonly sessions: LiveSessionsRepository,
    private readonly roles: SessionRolesRepository,
    private readonly codes: JoinCodes,
    private readonly registrations: Registrations,
    private readonly registrationRecords: RegistrationsRepository,
    private readonly seats: SeatsRepository,
    private readonly questions: QuestionsRepository,
    private readonly questionVotes: QuestionVotesRepository,
    private readonly polls: PollsRepository,
    private readonly pollVotes: PollVotesRepository,
    private readonly carries: ForumCarriesRepository,
    private readonly emailInvitations: EventEmailInvitationsRepository,
  ) {}

  onModuleInit(): void {
    this.participants.register(this);
    this.events.subscribe(GroupVisibilityChanged, LiveCommunity.name, async ({ groupId, visibility }) => {
      const audience = liveAudienceOf(visibility);
      await this.liveEvents.setAudienceOfGroup(groupId, audience);
      await this.sessions.setAudienceOfGroup(groupId, audience);
    });
    this.events.subscribe(GroupDeleted, LiveCommunity.name, async ({ groupId }) => {
      const eventIds = await this.liveEvents.deleteInGroup(groupId);
      const sessionIds = await this.sessions.deleteInGroup(groupId);
      await this.codes.releaseAll(sessionIds);
      await this.roles.deleteForSessions(sessionIds);
      await this.questionVotes.deleteForSessions(sessionIds);
      await this.questions.deleteForSessions(sessionIds);
      await this.pollVotes.deleteForSessions(sessionIds);
      await this.polls.deleteForSessions(sessionIds);
      await this.carries.deleteForSessions(sessionIds);
      await this.registrations.deleteFor([...eventIds.map(eventTarget), ...sessionIds.map(sessionTarget)]);
    });
  }

  async exportData(userId: string): Promise<unknown> {
    const invitations = await exportedEmailInvitations(this.emailInvitations, userId, ({ eventId }) => ({ eventId }));
    return {
      registrations: (await this.registrationRecords.ofUser(userId)).map((registration) => ({
        for: registration.targetKey,
        mode: registration.mode,
        status: registration.status,
        registeredAt: registration.createdAt,
      })),
      sessionRoles: (await this.roles.ofUser(userId)).map((role) => ({ sessionId: role.sessionId, role: role.role })),
      eventInvitationsSent: invitations.sent,
      eventInvitationsAccepted: invitations.accepted,
    };
  }

  async erase(userId: string): Promise<void> {
    await this.seats.eraseFor(userId);
    await this.registrationRecords.eraseFor(userId);
    await this.roles.eraseFor(userId);
    await this.emailInvitations.eraseFor(userId);
  }
}
