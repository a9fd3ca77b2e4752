import { Module, type OnModuleInit } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { CommunityModule } from '@plenary/community';
import { ConsultationsModule } from '@plenary/consultations';
import { ForumModule } from '@plenary/forum';
import { AccessService, IdentityModule } from '@plenary/identity';
import { ModerationAbilities } from './access/moderation-abilities.js';
import { AuditEntry, AuditEntrySchema } from './audit/audit-entry.schema.js';
import { AuditController } from './audit/audit.controller.js';
import { AuditRepository } from './audit/audit.repository.js';
import { AuditService } from './audit/audit.service.js';
import { Flag, FlagSchema } from './flags/flag.schema.js';
import { FlagsController } from './flags/flags.controller.js';
import { FlagsRepository } from './flags/flags.repository.js';
import { FlagsService } from './flags/flags.service.js';
import { moderationAccess } from './moderation.access.js';
import { ModerationCommunity } from './moderation-community.js';
import { People } from './model/people.js';

/**
 * Moderation: members' flags and the moderators' queue, and the append-only audit log of every
 * moderator action. It hears of those actions as ModeratorActed events and acts on forum content
 * through ForumContent and on consultation comments through ConsultationContent; no context imports
 * moderation.
 */
@Module({
  imports: [
    IdentityModule,
    CommunityModule,
    ForumModule,
    ConsultationsModule,
    MongooseModule.forFeature([
      { name: Flag.name, schema: FlagSchema },
      { name: AuditEntry.name, schema: AuditEntrySchema },
    ]),
  ],
  controllers: [FlagsController, AuditController],
  providers: [
    AuditRepository,
    AuditService,
    FlagsRepository,
    FlagsService,
    ModerationAbilities,
    ModerationCommunity,
    People,
  ],
})
export class ModerationModule implements OnModuleInit {
  constructor(private readonly access: AccessService) {}

  onModuleInit(): void {
    this.access.register(moderationAccess);
  }
}
