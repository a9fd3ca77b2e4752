import { Module, type OnModuleInit } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { CommunityModule } from '@plenary/community';
import { AccessService, IdentityModule } from '@plenary/identity';
import { ConsultationAbilities } from './access/consultation-abilities.js';
import {
  ConsultationComment,
  ConsultationCommentSchema,
  ConsultationEndorsement,
  ConsultationEndorsementSchema,
} from './comments/comment.schema.js';
import { CommentsController } from './comments/comments.controller.js';
import { CommentsRepository, EndorsementsRepository } from './comments/comments.repository.js';
import { CommentsService } from './comments/comments.service.js';
import { ConsultationContent } from './comments/consultation-content.js';
import { Consultation, ConsultationSchema } from './consultations/consultation.schema.js';
import { ConsultationsRepository } from './consultations/consultations.repository.js';
import { ConsultationsService } from './consultations/consultations.service.js';
import { consultationsAccess } from './consultations.access.js';
import { ConsultationsCommunity } from './consultations-community.js';
import { ConsultationViews } from './views/consultation-views.js';
import { ConsultationsController } from './views/consultations.controller.js';
import { InputsService } from './views/inputs.service.js';

/**
 * Consultations: a draft document opened for inputs until a deadline, split into sections that
 * members (or a group's members) comment on and endorse; its managers see the inputs by section
 * and export them. Moderation uses ConsultationContent to flag, hide and restore comments; this
 * module imports neither moderation nor notifications.
 */
@Module({
  imports: [
    IdentityModule,
    CommunityModule,
    MongooseModule.forFeature([
      { name: Consultation.name, schema: ConsultationSchema },
      { name: ConsultationComment.name, schema: ConsultationCommentSchema },
      { name: ConsultationEndorsement.name, schema: ConsultationEndorsementSchema },
    ]),
  ],
  controllers: [ConsultationsController, CommentsController],
  providers: [
    CommentsRepository,
    CommentsService,
    ConsultationAbilities,
    ConsultationContent,
    ConsultationsCommunity,
    ConsultationsRepository,
    ConsultationsService,
    ConsultationViews,
    EndorsementsRepository,
    InputsService,
  ],
  exports: [ConsultationContent],
})
export class ConsultationsModule implements OnModuleInit {
  constructor(private readonly access: AccessService) {}

  onModuleInit(): void {
    this.access.register(consultationsAccess);
  }
}
