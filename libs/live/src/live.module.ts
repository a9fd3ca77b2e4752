import { Module, type OnModuleInit } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { CommunityModule } from '@plenary/community';
import { AccessService, IdentityModule } from '@plenary/identity';
import { RealtimeModule } from '@plenary/realtime';
import { LiveAbilities } from './access/live-abilities.js';
import { JoinCode, JoinCodeSchema } from './codes/join-code.schema.js';
import { JoinCodes } from './codes/join-codes.js';
import { JoinCodesRepository } from './codes/join-codes.repository.js';
import { LiveEvent, LiveEventSchema } from './events/event.schema.js';
import { LiveEventsController } from './events/events.controller.js';
import { LiveEventsRepository } from './events/events.repository.js';
import { LiveEventsService } from './events/events.service.js';
import { liveAccess } from './live.access.js';
import { LiveCommunity } from './live-community.js';
import { Registration, RegistrationSchema, Seat, SeatSchema } from './registrations/registration.schema.js';
import { Registrations } from './registrations/registrations.js';
import { RegistrationsRepository, SeatsRepository } from './registrations/registrations.repository.js';
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
    CommunityModule,
    RealtimeModule,
    MongooseModule.forFeature([
      { name: LiveEvent.name, schema: LiveEventSchema },
      { name: LiveSession.name, schema: LiveSessionSchema },
      { name: SessionRoleAssignment.name, schema: SessionRoleAssignmentSchema },
      { name: JoinCode.name, schema: JoinCodeSchema },
      { name: Registration.name, schema: RegistrationSchema },
      { name: Seat.name, schema: SeatSchema },
    ]),
  ],
  controllers: [LiveEventsController, LiveSessionsController],
  providers: [
    JoinCodes,
    JoinCodesRepository,
    LiveAbilities,
    LiveCommunity,
    LiveEventsRepository,
    LiveEventsService,
    LiveSessionsRepository,
    LiveSessionsService,
    Registrations,
    RegistrationsRepository,
    SeatsRepository,
    SessionRolesRepository,
  ],
})
export class LiveModule implements OnModuleInit {
  constructor(private readonly access: AccessService) {}

  onModuleInit(): void {
    this.access.register(liveAccess);
  }
}
