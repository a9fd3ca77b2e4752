import { HttpStatus, Injectable } from '@nestjs/common';
import { ApiError } from '@plenary/core';
import type { Principal } from '@plenary/identity';
import { ConsultationAbilities, subject } from '../access/consultation-abilities.js';
import { ConsultationsService } from '../consultations/consultations.service.js';
import { CONSULTATION_COMMENT, type CommentStatus } from '../model/consultation-kinds.js';
import { CommentsRepository } from './comments.repository.js';
import { CommentsService } from './comments.service.js';

/** A comment as moderation sees it. */
export interface ConsultationCommentSummary {
  commentId: string;
  consultationId: string;
  consultationTitle: string;
  sectionId: string;
  sectionTitle: string;
  groupId: string | null;
  authorId: string;
  status: CommentStatus;
  /** The start of its text, for a moderation queue. */
  excerpt: string;
}

const EXCERPT_LENGTH = 200;

/**
 * What the moderation lib asks of consultations (it depends on them, never the reverse): flagging a
 * comment, describing it in the queue, hiding it when flagged enough and restoring it when its
 * flags are dismissed. Comments are moderated as forum posts are.
 */
@Injectable()
export class ConsultationContent {
  constructor(
    private readonly comments: CommentsRepository,
    private readonly commentsService: CommentsService,
    private readonly consultations: ConsultationsService,
    private readonly abilities: ConsultationAbilities,
  ) {}

  /** The comment the caller wants to flag: 404 when they may not read it, 403 when it is not flaggable. */
  async commentToFlag(
    principal: Principal,
    consultationId: string,
    commentId: string,
  ): Promise<ConsultationCommentSummary> {
    const caller = await this.abilities.of(principal);
    const consultation = await this.consultations.open(caller, consultationId);
    const comment = await this.commentsService.openComment(caller, consultation, commentId);
    caller.assert('flag', CONSULTATION_COMMENT, subject(comment));
    return (await this.describe(comment.id)) as ConsultationCommentSummary;
  }

  async describe(commentId: string): Promise<ConsultationCommentSummary | null> {
    const comment = await this.comments.findById(commentId);
    const consultation = comment ? await this.consultations.findById(comment.consultationId) : null;
    if (!comment || !consultation) return null;
    const section = consultation.sections.find((candidate) => candidate._id.toString() === comment.sectionId);
    return {
      commentId: comment.id,
      consultationId: consultation.id,
      consultationTitle: consultation.title,
      sectionId: comment.sectionId,
      sectionTitle: section?.title ?? '',
      groupId: comment.groupId,
      authorId: comment.authorId,
      status: comment.status,
      excerpt: comment.body.slice(0, EXCERPT_LENGTH),
    };
  }

  /** Hides a visible comment (flagged past the threshold, or its flags resolved); false when it was not visible. */
  hide(commentId: string): Promise<boolean> {
    return this.change(commentId, 'hide', 'visible');
  }

  /** Restores a hidden comment (its flags were dismissed); false when it was not hidden. */
  restore(commentId: string): Promise<boolean> {
    return this.change(commentId, 'restore', 'hidden');
  }

  private async change(commentId: string, action: 'hide' | 'restore', from: CommentStatus): Promise<boolean> {
    const comment = await this.comments.findById(commentId);
    if (!comment || comment.status !== from) return false;
    try {
      await this.commentsService.hideOrRestore(comment, action);
      return true;
    } catch (error) {
      // Another request changed it between the read and the write: that request did the change.
      if (error instanceof ApiError && error.getStatus() === HttpStatus.CONFLICT) return false;
      throw error;
    }
  }
}
