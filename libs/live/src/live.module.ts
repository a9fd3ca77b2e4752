import { Module, type OnModuleInit } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { CommunityModule } from '@plenary/community';
import { ForumModule } from '@plenary/forum';
import { RedisModule } from '@plenary/database';
import { AccessService, IdentityModule } from '@plenary/identity';
import { MailModule } from '@plenary/mail';
import { RealtimeModule } from '@plenary/realtime';
import { InvitedEvents } from './access/invited-events.js';
import { LiveAbilities } from './access/live-abilities.js';
import { JoinCode, JoinCodeSchema } from './codes/join-code.schema.js';
import { JoinCodes } from './codes/join-codes.js';
import { JoinCodesRepository } from './codes/join-codes.repository.js';
import { EventEmailInvitation, EventEmailInvitationSchema } from './events/event-email-invitation.schema.js';
import { EventEmailInvitationsRepository } from './events/event-email-invitations.repository.js';
import { EventEmailInvitationsService } from './events/event-email-invitations.service.js';
import { EventInvitationsController } from './events/event-invitations.controller.js';
import { LiveEvent, LiveEventSchema } from './events/event.schema.js';
import { LiveEventsController } from './events/events.controller.js';
import { LiveEventsRepository } from './events/events.repository.js';
import { LiveEventsService } from './events/events.service.js';
import { ForumCarriesRepository } from './forum-carry/forum-carries.repository.js';
import { ForumCarry, ForumCarrySchema } from './forum-carry/forum-carry.schema.js';
import { ForumCarryController } from './forum-carry/forum-carry.controller.js';
import { ForumCarryService } from './forum-carry/forum-carry.service.js';
import { LiveGateway } from './gateway/live.gateway.js';
import { Presence } from './gateway/presence.js';
import { liveAccess } from './live.access.js';
import { PollTally } from './polls/poll-tally.js';
import { Poll, PollSchema, PollVote, PollVoteSchema } from './polls/poll.schema.js';
import { PollsController } from './polls/polls.controller.js';
import { PollsRepository, PollVotesRepository } from './polls/polls.repository.js';
import { PollsService } from './polls/polls.service.js';
import {
  Question,
  QuestionRevision,
  QuestionRevisionSchema,
  QuestionSchema,
  QuestionVote,
  QuestionVoteSchema,
} from './questions/question.schema.js';
import { QuestionsController } from './questions/questions.controller.js';
import {
  QuestionRevisionsRepository,
  QuestionsRepository,
  QuestionVotesRepository,
} from './questions/questions.repository.js';
import { QuestionsService } from './questions/questions.service.js';
import { VoteTally } from './questions/vote-tally.js';
import { LiveCommunity } from './live-community.js';
import { Registration, RegistrationSchema, Seat, SeatSchema } from './registrations/registration.schema.js';
import { Registrations } from './registrations/registrations.js';
import { RegistrationsRepository, SeatsRepository } from './registrations/registrations.repository.js';
import { LiveReportsController } from './reports/reports.controller.js';
import { LiveReportsService } from './reports/reports.service.js';
import { SessionRoleAssignment, SessionRoleAssignmentSchema } from './roles/session-role.schema.js';
import { SessionRolesRepository } from './roles/session-roles.repository.js';
import { LiveSession, LiveSessionSchema } from './sessions/session.schema.js';
import { LiveSessionsController } from './sessions/sessions.controller.js';
import { LiveSessionsRepository } from './sessions/sessions.repository.js';
import { LiveSessionsService } from './sessions/sessions.service.js';

/**
 * Live sessions: events and their sessions (or standalone webinars), join codes and guest tokens,
 * session roles, registration with capacity and waiting lists. It publishes its events
 * (live.events.ts); notifications and moderation subscribe.
 */
@Module({
  imports: [
    IdentityModule,
    MailModule,
    CommunityModule,
    ForumModule,
    RealtimeModule,
    RedisModule,
    MongooseModule.forFeature([
      { name: LiveEvent.name, schema: LiveEventSchema },
      { name: EventEmailInvitation.name, schema: EventEmailInvitationSchema },
      { name: LiveSession.name, schema: LiveSessionSchema },
      { name: SessionRoleAssignment.name, schema: SessionRoleAssignmentSchema },
      { name: JoinCode.name, schema: JoinCodeSchema },
      { name: Registration.name, schema: RegistrationSchema },
      { name: Seat.name, schema: SeatSchema },
      { name: Question.name, schema: QuestionSchema },
      { name: QuestionVote.name, schema: QuestionVoteSchema },
      { name: QuestionRevision.name, schema: QuestionRevisionSchema },
      { name: ForumCarry.name, schema: ForumCarrySchema },
      { name: Poll.name, schema: PollSchema },
      { name: PollVote.name, schema: PollVoteSchema },
    ]),
  ],
  controllers: [
    LiveEventsController,
    EventInvitationsController,
    LiveSessionsController,
    QuestionsController,
    PollsController,
    LiveReportsController,
    ForumCarryController,
  ],
  providers: [
    EventEmailInvitationsRepository,
    { provide: InvitedEvents, useExisting: EventEmailInvitationsRepository },
    EventEmailInvitationsService,
    ForumCarriesRepository,
    ForumCarryService,
    JoinCodes,
    JoinCodesRepository,
    LiveAbilities,
    LiveCommunity,
    LiveEventsRepository,
    LiveEventsService,
    LiveGateway,
    LiveReportsService,
    LiveSessionsRepository,
    LiveSessionsService,
    PollsRepository,
    PollsService,
    PollTally,
    PollVotesRepository,
    Presence,
    QuestionRevisionsRepository,
    QuestionsRepository,
    QuestionsService,
    QuestionVotesRepository,
    Registrations,
    RegistrationsRepository,
    SeatsRepository,
    SessionRolesRepository,
    VoteTally,
  ],
})
export class LiveModule implements OnModuleInit {
  constructor(private readonly access: AccessService) {}

  onModuleInit(): void {
    this.access.register(liveAccess);
  }
}
