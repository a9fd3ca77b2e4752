import { Injectable } from '@nestjs/common';
import { ProfilesService } from '@plenary/community';
import { ApiError, DomainEvents, ModeratorActed, type PageQuery, pageRequest, renderMarkdown } from '@plenary/core';
import type { Principal } from '@plenary/identity';
import { ConsultationAbilities, type ConsultationCaller, subject } from '../access/consultation-abilities.js';
import type { ConsultationRecord } from '../consultations/consultation.schema.js';
import { assertOpen, ConsultationsService, sectionOf } from '../consultations/consultations.service.js';
import {
  COMMENT_TARGET,
  COMMENTS_PER_SECTION,
  CONSULTATION,
  CONSULTATION_COMMENT,
  type CommentStatus,
} from '../model/consultation-kinds.js';
import type { CommentRecord } from './comment.schema.js';
import { CommentsRepository, EndorsementsRepository } from './comments.repository.js';
import type {
  ConsultationCommentPage,
  ConsultationCommentView,
  CreateConsultationCommentDto,
  ConsultationEndorsementsView,
} from './dto/comment.dto.js';

/** A section's first comments, as `GET /consultations/:id` shows them. */
export interface SectionComments {
  commentCount: number;
  comments: ConsultationCommentView[];
  nextCursor: string | null;
}

/**
 * Comments on a consultation's sections, their endorsements, and their moderation.
 *
 * - A comment is its own document; an endorsement (+1 once per member) too, behind a unique
 *   (comment, member) index, and every count is counted from them.
 * - Comments and endorsements are taken while the consultation is open; after its deadline it is
 *   read-only (409).
 * - Moderators of the scope hide and restore comments (audited, as forum posts are); members flag
 *   them through the moderation lib, which hides a comment flagged enough (ConsultationContent).
 */
@Injectable()
export class CommentsService {
  constructor(
    private readonly comments: CommentsRepository,
    private readonly endorsements: EndorsementsRepository,
    private readonly consultations: ConsultationsService,
    private readonly abilities: ConsultationAbilities,
    private readonly profiles: ProfilesService,
    private readonly events: DomainEvents,
  ) {}

  async list(
    principal: Principal | null,
    id: string,
    sectionId: string,
    query: PageQuery,
  ): Promise<ConsultationCommentPage> {
    const caller = await this.abilities.of(principal);
    const consultation = await this.consultations.open(caller, id);
    sectionOf(consultation, sectionId);
    const visible = caller.filter('read', CONSULTATION_COMMENT);
    if (!visible) return { items: [], nextCursor: null };
    const page = await this.comments.list(consultation.id, sectionId, visible, pageRequest(query));
    return { items: await this.views(caller, page.items), nextCursor: page.nextCursor };
  }

  /** Each section's visible comment count and first comments the caller may read, by section id. */
  async sections(caller: ConsultationCaller, consultation: ConsultationRecord): Promise<Map<string, SectionComments>> {
    const visible = caller.filter('read', CONSULTATION_COMMENT) ?? { _id: null };
    const [counts, pages] = await Promise.all([
      this.comments.countsBySection(consultation.id),
      Promise.all(
        consultation.sections.map((section) =>
          this.comments.list(consultation.id, section._id.toString(), visible, { limit: COMMENTS_PER_SECTION }),
        ),
      ),
    ]);
    const views = await this.views(
      caller,
      pages.flatMap((page) => page.items),
    );
    const byId = new Map(views.map((view) => [view.id, view]));
    return new Map(
      consultation.sections.map((section, index) => {
        const sectionId = section._id.toString();
        return [
          sectionId,
          {
            commentCount: counts.get(sectionId) ?? 0,
            comments: pages[index].items.map((comment) => byId.get(comment.id) as ConsultationCommentView),
            nextCursor: pages[index].nextCursor,
          },
        ];
      }),
    );
  }

  /** Visible comments per consultation, for lists. */
  countsByConsultation(consultationIds: string[]): Promise<Map<string, number>> {
    return this.comments.countsByConsultation(consultationIds);
  }

  async create(
    principal: Principal,
    id: string,
    sectionId: string,
    dto: CreateConsultationCommentDto,
  ): Promise<ConsultationCommentView> {
    const caller = await this.abilities.of(principal);
    const consultation = await this.consultations.open(caller, id);
    sectionOf(consultation, sectionId);
    if (!caller.can('comment', CONSULTATION, subject(consultation))) {
      throw ApiError.forbidden(
        consultation.groupId ? "Only the group's members comment on its consultations" : 'You may not comment here',
      );
    }
    assertOpen(consultation);
    const comment = await this.comments.create({
      consultationId: consultation.id,
      sectionId,
      groupId: consultation.groupId,
      authorId: principal.id,
      body: dto.body,
      html: renderMarkdown(dto.body),
    });
    return (await this.views(caller, [comment]))[0];
  }

  /**
   * Adds or withdraws the caller's +1; idempotent. Those who may comment endorse others' visible
   * comments while the consultation is open.
   */
  async endorse(
    principal: Principal,
    id: string,
    commentId: string,
    on: boolean,
  ): Promise<ConsultationEndorsementsView> {
    const caller = await this.abilities.of(principal);
    const consultation = await this.consultations.open(caller, id);
    const comment = await this.openComment(caller, consultation, commentId);
    if (!caller.can('comment', CONSULTATION, subject(consultation))) {
      throw ApiError.forbidden("Only the group's members endorse comments on its consultations");
    }
    if (comment.authorId === principal.id) throw ApiError.forbidden('You may not endorse your own comment');
    caller.assert('endorse', CONSULTATION_COMMENT, subject(comment));
    assertOpen(consultation);
    if (on) await this.endorsements.add(comment.id, principal.id, consultation.id);
    else await this.endorsements.remove(comment.id, principal.id);
    const counts = await this.endorsements.counts([comment.id]);
    return { commentId: comment.id, endorsements: counts.get(comment.id) ?? 0, endorsedByMe: on };
  }

  /** Hides or restores a comment: moderators of its scope; audited. */
  async moderate(
    principal: Principal,
    id: string,
    commentId: string,
    action: 'hide' | 'restore',
    reason: string,
  ): Promise<ConsultationCommentView> {
    const caller = await this.abilities.of(principal);
    const consultation = await this.consultations.open(caller, id);
    const comment = await this.openComment(caller, consultation, commentId);
    caller.assert('moderate', CONSULTATION_COMMENT, subject(comment));
    const updated = await this.hideOrRestore(comment, action);
    await this.events.publish(ModeratorActed, {
      actorId: principal.id,
      action: `${COMMENT_TARGET}.${action}`,
      target: { type: COMMENT_TARGET, id: comment.id, groupId: comment.groupId },
      reason,
      before: { status: comment.status },
      after: { status: updated.status },
    });
    return (await this.views(caller, [updated]))[0];
  }

  /** For moderation outside a request (a comment flagged past the threshold); 409 when it is not in the state to leave. */
  async hideOrRestore(comment: CommentRecord, action: 'hide' | 'restore'): Promise<CommentRecord> {
    const [status, from]: [CommentStatus, CommentStatus] =
      action === 'hide' ? ['hidden', 'visible'] : ['visible', 'hidden'];
    const updated = await this.comments.setStatus(comment.id, status, [from]);
    if (!updated)
      throw ApiError.conflict(`This comment is already ${comment.status === from ? status : comment.status}`);
    return updated;
  }

  /** The comment of this consultation, if the caller may read it; 404 otherwise. */
  async openComment(
    caller: ConsultationCaller,
    consultation: ConsultationRecord,
    commentId: string,
  ): Promise<CommentRecord> {
    const comment = await this.comments.findById(commentId);
    if (
      !comment ||
      comment.consultationId !== consultation.id ||
      !caller.can('read', CONSULTATION_COMMENT, subject(comment))
    ) {
      throw ApiError.notFound('Comment');
    }
    return comment;
  }

  async views(caller: ConsultationCaller, comments: CommentRecord[]): Promise<ConsultationCommentView[]> {
    const ids = comments.map((comment) => comment.id);
    const [names, counts, mine] = await Promise.all([
      this.profiles.authorNames(comments.map((comment) => comment.authorId)),
      this.endorsements.counts(ids),
      caller.id ? this.endorsements.endorsedBy(caller.id, ids) : Promise.resolve(new Set<string>()),
    ]);
    return comments.map((comment) => ({
      id: comment.id,
      consultationId: comment.consultationId,
      sectionId: comment.sectionId,
      author: names.get(comment.authorId) ?? { id: null, displayName: '' },
      body: comment.body,
      html: comment.html,
      status: comment.status,
      endorsements: counts.get(comment.id) ?? 0,
      endorsedByMe: mine.has(comment.id),
      createdAt: comment.createdAt,
    }));
  }
}
