import { Injectable, type OnModuleInit } from '@nestjs/common';
import { GroupDeleted, GroupVisibilityChanged } from '@plenary/community';
import { DomainEvents } from '@plenary/core';
import { type AccountParticipant, AccountParticipants } from '@plenary/identity';
import { CommentsRepository, EndorsementsRepository } from './comments/comments.repository.js';
import { ConsultationsRepository } from './consultations/consultations.repository.js';
import { consultationAudienceOf } from './consultations/consultations.service.js';

/**
 * Consultations' part in the community's and in accounts' lives: a group's consultations follow
 * its visibility and go with it (their comments and endorsements too); a member's comments and
 * endorsements are part of their data export, and their endorsements are erased with their account
 * (their comments stay, by "deleted member", as forum posts do: they are the consultation's record).
 */
@Injectable()
export class ConsultationsCommunity implements AccountParticipant, OnModuleInit {
  readonly section = 'consultations';

  constructor(
    private readonly events: DomainEvents,
    private readonly participants: AccountParticipants,
    private readonly consultations: ConsultationsRepository,
    private readonly comments: CommentsRepository,
    private readonly endorsements: EndorsementsRepository,
  ) {}

  onModuleInit(): void {
    this.participants.register(this);
    this.events.subscribe(GroupVisibilityChanged, ConsultationsCommunity.name, ({ groupId, visibility }) =>
      this.consultations.setAudienceOfGroup(groupId, consultationAudienceOf(visibility)),
    );
    this.events.subscribe(GroupDeleted, ConsultationsCommunity.name, async ({ groupId }) => {
      const ids = await this.consultations.deleteInGroup(groupId);
      await this.endorsements.deleteForConsultations(ids);
      await this.comments.deleteForConsultations(ids);
    });
  }

  async exportData(userId: string): Promise<unknown> {
    const [owned, comments, endorsements] = await Promise.all([
      this.consultations.ownedBy(userId),
      this.comments.byAuthor(userId),
      this.endorsements.byMember(userId),
    ]);
    return {
      consultations: owned.map((consultation) => ({
        id: consultation.id,
        title: consultation.title,
        closesAt: consultation.closesAt,
        createdAt: consultation.createdAt,
      })),
      comments: comments.map((comment) => ({
        id: comment.id,
        consultationId: comment.consultationId,
        sectionId: comment.sectionId,
        body: comment.body,
        status: comment.status,
        createdAt: comment.createdAt,
      })),
      endorsements: endorsements.map((endorsement) => ({
        commentId: endorsement.commentId,
        createdAt: endorsement.createdAt,
      })),
    };
  }

  async erase(userId: string): Promise<void> {
    await this.endorsements.eraseFor(userId);
  }
}
