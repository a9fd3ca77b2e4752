import { Injectable } from '@nestjs/common';
import { ProfilesService } from '@plenary/community';
import { ApiError, DomainEvents, type ErrorDetail, pageRequest } from '@plenary/core';
import { DuplicateKeyError } from '@plenary/database';
import { type Principal, UsersService } from '@plenary/identity';
import { LibraryAbilities, subject } from '../access/library-abilities.js';
import { type Decision, QUEUE_STATUSES, SCORE_MAX, SCORE_MIN, STATUS_AFTER } from '../model/library-kinds.js';
import { ReviewDecided, ReviewRequested } from '../model/library.events.js';
import type { LibraryItemRecord } from '../records/item.schema.js';
import { ItemsRepository } from '../records/items.repository.js';
import type { ReviewAssignmentRecord, ReviewRecord } from '../records/review.schema.js';
import { AssignmentsRepository, ReviewsRepository } from '../records/reviews.repository.js';
import { VersionsRepository } from '../records/versions.repository.js';
import { ReviewSettingsService } from '../settings/review-settings.service.js';
import type {
  AssignmentsView,
  AssignReviewersDto,
  MyReviewPage,
  MyReviewsQuery,
  MyReviewView,
  ReviewDto,
  ReviewedView,
  ReviewerView,
  ReviewList,
  ReviewView,
} from './dto/engine.dto.js';
import { ItemAccess, type ItemView, nameOf } from './item-access.js';
import { ItemsService } from './items.service.js';
import type { KindDefinition } from './kind-definition.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const ASSIGNABLE = QUEUE_STATUSES;
const CLAIMABLE = ['submitted', 'in_review'];

/**
 * The reviewers' and editors' side of the one review engine: assigning reviewers (never the author,
 * never a member of the author's organisation or of one the item names), claiming, reviews on the
 * rubric tied to the version reviewed, and the editor's decision once the quorum is in.
 */
@Injectable()
export class ReviewsService {
  constructor(
    private readonly items: ItemsRepository,
    private readonly versions: VersionsRepository,
    private readonly assignments: AssignmentsRepository,
    private readonly reviews: ReviewsRepository,
    private readonly access: ItemAccess,
    private readonly abilities: LibraryAbilities,
    private readonly itemsService: ItemsService,
    private readonly settings: ReviewSettingsService,
    private readonly profiles: ProfilesService,
    private readonly users: UsersService,
    private readonly events: DomainEvents,
  ) {}

  /** An editor assigns reviewers; those already on the item are kept as they are. All or none: one refusal writes nothing. */
  async assign(
    definition: KindDefinition,
    principal: Principal,
    id: string,
    dto: AssignReviewersDto,
  ): Promise<AssignmentsView> {
    const caller = await this.access.callerOf(principal);
    const item = await this.access.openFor(definition, caller, id, 'decide');
    if (!ASSIGNABLE.includes(item.status)) {
      throw ApiError.conflict(`Reviewers are assigned to a submitted ${definition.kind}, not a ${item.status} one`);
    }
    const dueAt = await this.dueDate(dto.dueAt);
    const existing = new Set((await this.assignments.ofItem(item.id)).map((assignment) => assignment.reviewerId));
    const added = dto.userIds.filter((userId) => !existing.has(userId));
    const ineligible: ErrorDetail[] = [];
    const conflicted: ErrorDetail[] = [];
    for (const userId of added) {
      const problem = await this.eligibility(definition, item, userId);
      if (problem === 'ineligible') {
        ineligible.push({ field: 'userIds', problem: `${userId} holds no reviewer capability for this library` });
      } else if (problem) {
        conflicted.push({ field: 'userIds', problem: `${userId} ${problem}` });
      }
    }
    if (ineligible.length > 0) throw ApiError.badRequest('Only reviewers of this library review it', ineligible);
    if (conflicted.length > 0) throw ApiError.conflict('Conflict of interest', conflicted);
    const assigned: string[] = [];
    for (const reviewerId of added) {
      try {
        await this.assignments.create({
          kind: item.kind,
          itemId: item.id,
          reviewerId,
          assignedBy: principal.id,
          dueAt,
        });
        assigned.push(reviewerId);
      } catch (error) {
        if (!(error instanceof DuplicateKeyError)) throw error;
      }
    }
    const current = (await this.items.transition(item.id, ['submitted'], 'in_review')) ?? item;
    if (assigned.length > 0) {
      await this.events.publish(ReviewRequested, {
        kind: item.kind,
        itemId: item.id,
        title: item.title,
        groupId: item.groupId,
        reviewerIds: assigned,
        actorId: principal.id,
        dueAt,
        revised: false,
      });
      await this.access.audit(
        principal.id,
        'assign',
        current,
        null,
        { status: item.status },
        {
          status: current.status,
          reviewerIds: assigned,
          dueAt,
        },
      );
    }
    return { reviewers: await this.reviewerViews(current), status: current.status };
  }

  /** A reviewer takes a submission in one of the objectives of their profile. */
  async claim(definition: KindDefinition, principal: Principal, id: string): Promise<MyReviewView> {
    const caller = await this.access.callerOf(principal);
    const item = await this.access.openFor(definition, caller, id, 'review');
    if (!CLAIMABLE.includes(item.status)) {
      throw ApiError.conflict(`Only a submitted ${definition.kind}, or one in review, is claimed`);
    }
    if (await this.assignments.find(item.id, principal.id)) throw ApiError.conflict('You already review it');
    const objectives = ((await this.profiles.exportOwn(principal.id))?.objectives ?? []) as number[];
    if (!item.objectives.some((objective) => objectives.includes(objective))) {
      throw ApiError.forbidden('Reviewers claim submissions in the objectives of their profile');
    }
    const problem = await this.conflictOf(item, principal.id);
    if (problem)
      throw ApiError.conflict('Conflict of interest', [
        { field: 'id', problem: `you ${problem.replace(/^is/, 'are')}` },
      ]);
    const dueAt = await this.dueDate(undefined);
    let assignment: ReviewAssignmentRecord;
    try {
      assignment = await this.assignments.create({
        kind: item.kind,
        itemId: item.id,
        reviewerId: principal.id,
        assignedBy: principal.id,
        dueAt,
      });
    } catch (error) {
      if (error instanceof DuplicateKeyError) throw ApiError.conflict('You already review it');
      throw error;
    }
    const current = (await this.items.transition(item.id, ['submitted'], 'in_review')) ?? item;
    await this.access.audit(principal.id, 'claim', current, null, { status: item.status }, { status: current.status });
    return this.myView(assignment, current, false);
  }

  /** An assigned reviewer scores the current version on the rubric. */
  async review(definition: KindDefinition, principal: Principal, id: string, dto: ReviewDto): Promise<ReviewedView> {
    const caller = await this.access.callerOf(principal);
    const item = await this.access.open(definition, caller, id);
    const assignment = await this.assignments.find(item.id, principal.id);
    if (!assignment) throw ApiError.forbidden(`Only its assigned reviewers review this ${definition.kind}`);
    const scores = this.scoresOf(
      dto.scores,
      (await this.settings.get()).criteria.map((criterion) => criterion.key),
    );
    if (item.status !== 'in_review') throw ApiError.conflict(`The ${definition.kind} is not in review`);
    let review: ReviewRecord;
    try {
      review = await this.reviews.create({
        kind: item.kind,
        itemId: item.id,
        version: item.version,
        reviewerId: principal.id,
        scores,
        commentToAuthor: dto.commentToAuthor,
        noteToEditors: dto.noteToEditors ?? '',
      });
    } catch (error) {
      if (error instanceof DuplicateKeyError) throw ApiError.conflict('You already reviewed this version');
      throw error;
    }
    await this.versions.mark(item.id, item.version, { reviewed: true });
    await this.access.audit(principal.id, 'review', item, null, {}, { version: item.version, scores });
    return {
      id: review.id,
      version: review.version,
      scores: review.scores,
      commentToAuthor: review.commentToAuthor,
      noteToEditors: review.noteToEditors,
      createdAt: review.createdAt,
    };
  }

  /**
   * The author reads the comments and scores without who wrote them (whatever else they are);
   * editors read everything; a reviewer reads their own reviews.
   */
  async list(definition: KindDefinition, principal: Principal, id: string): Promise<ReviewList> {
    const caller = await this.access.callerOf(principal);
    const item = await this.access.open(definition, caller, id);
    const author = item.authorId === principal.id;
    const editor = !author && caller.can('decide', definition.subject, subject(item));
    const assignments = await this.assignments.ofItem(item.id);
    const reviewer = assignments.some((assignment) => assignment.reviewerId === principal.id);
    if (!author && !editor && !reviewer) {
      throw ApiError.forbidden(`Only its author, reviewers and editors read the reviews of this ${definition.kind}`);
    }
    const order = assignments.map((assignment) => assignment.reviewerId);
    const all = await this.reviews.ofItem(item.id);
    for (const review of all) if (!order.includes(review.reviewerId)) order.push(review.reviewerId);
    const shown = author || editor ? all : all.filter((review) => review.reviewerId === principal.id);
    const names = await this.profiles.authorNames(shown.map((review) => review.reviewerId));
    const items: ReviewView[] = shown.map((review) => {
      const identified = !author;
      return {
        id: review.id,
        version: review.version,
        reviewerLabel: `Reviewer ${order.indexOf(review.reviewerId) + 1}`,
        reviewer: identified ? nameOf(names, review.reviewerId) : null,
        scores: review.scores,
        commentToAuthor: review.commentToAuthor,
        noteToEditors: identified ? review.noteToEditors : null,
        createdAt: review.createdAt,
      };
    });
    return { items, quorum: (await this.settings.get()).quorum, version: item.version };
  }

  /** An editor of the board decides on the current version once its quorum of reviews is in; never on their own. */
  async decide(
    definition: KindDefinition,
    principal: Principal,
    id: string,
    decision: Decision,
    reason: string,
  ): Promise<ItemView> {
    const caller = await this.access.callerOf(principal);
    const item = await this.access.openFor(definition, caller, id, 'decide');
    if (item.authorId === principal.id) throw ApiError.forbidden('You may not decide on your own submission');
    if (item.status !== 'in_review') {
      throw ApiError.conflict(`Decisions are made on a ${definition.kind} in review, not a ${item.status} one`);
    }
    const { quorum } = await this.settings.get();
    const reviewed = (await this.reviews.ofVersion(item.id, item.version)).length;
    if (reviewed < quorum) {
      throw ApiError.conflict(`${reviewed} of the ${quorum} reviews of version ${item.version} are in`, [
        { field: 'decision', problem: `waits for ${quorum} reviews of the current version` },
      ]);
    }
    const now = new Date();
    const to = STATUS_AFTER[decision];
    const extra =
      decision === 'publish'
        ? {
            publishedAt: now,
            publishedVersion: item.version,
            terms: (await this.itemsService.catalogueOf(definition, item.content)).terms,
          }
        : {};
    const updated = await this.items.transition(item.id, ['in_review'], to, extra);
    if (!updated) throw ApiError.conflict(`The ${definition.kind} was decided meanwhile`);
    await this.versions.mark(
      item.id,
      item.version,
      decision === 'publish' ? { reviewed: true, publishedAt: now } : { reviewed: true },
    );
    if (decision !== 'request_changes') await this.assignments.close(item.id);
    await this.access.audit(
      principal.id,
      decision,
      updated,
      reason,
      { status: 'in_review' },
      {
        status: to,
        version: item.version,
      },
    );
    await this.events.publish(ReviewDecided, {
      kind: item.kind,
      itemId: item.id,
      title: item.title,
      groupId: item.groupId,
      authorId: item.authorId,
      actorId: principal.id,
      decision,
      reason,
    });
    return this.access.view(definition, caller, updated);
  }

  /** The caller's reviews to do and done, latest assignment first, of every kind. */
  async mine(principal: Principal, query: MyReviewsQuery): Promise<MyReviewPage> {
    const filter: Record<string, unknown> = {};
    if (query.active !== undefined) filter.active = query.active;
    if (query.kind) filter.kind = query.kind;
    const page = await this.assignments.pageOf(principal.id, filter, pageRequest(query));
    const items = new Map((await this.items.byIds(page.items.map((a) => a.itemId))).map((item) => [item.id, item]));
    const views: MyReviewView[] = [];
    for (const assignment of page.items) {
      const item = items.get(assignment.itemId);
      if (!item) continue;
      const done = (await this.reviews.ofVersion(item.id, item.version)).some((r) => r.reviewerId === principal.id);
      views.push(this.myView(assignment, item, done));
    }
    return { items: views, nextCursor: page.nextCursor };
  }

  private myView(assignment: ReviewAssignmentRecord, item: LibraryItemRecord, done: boolean): MyReviewView {
    return {
      kind: item.kind,
      itemId: item.id,
      title: item.title,
      status: item.status,
      version: item.version,
      dueAt: assignment.dueAt,
      pending: assignment.active && item.status === 'in_review' && !done,
      assignedAt: assignment.createdAt,
    };
  }

  private async reviewerViews(item: LibraryItemRecord): Promise<ReviewerView[]> {
    const assignments = await this.assignments.ofItem(item.id);
    const done = new Set((await this.reviews.ofVersion(item.id, item.version)).map((review) => review.reviewerId));
    const names = await this.profiles.authorNames(assignments.map((assignment) => assignment.reviewerId));
    return assignments.map((assignment) => ({
      id: assignment.reviewerId,
      displayName: nameOf(names, assignment.reviewerId).displayName,
      dueAt: assignment.dueAt,
      reviewed: done.has(assignment.reviewerId),
    }));
  }

  private async dueDate(sent: string | undefined): Promise<Date> {
    if (sent === undefined) return new Date(Date.now() + (await this.settings.get()).reviewDays * DAY_MS);
    const dueAt = new Date(sent);
    if (dueAt.getTime() <= Date.now()) throw ApiError.invalidField('dueAt', 'must be in the future');
    return dueAt;
  }

  /** Null when the member may review the item; 'ineligible' without the capability; else their conflict of interest. */
  private async eligibility(
    definition: KindDefinition,
    item: LibraryItemRecord,
    userId: string,
  ): Promise<string | null> {
    const reviewer = await this.users.principalOf(userId);
    if (!reviewer || reviewer.status !== 'active') return 'ineligible';
    const abilities = await this.abilities.of(reviewer);
    if (!abilities.can('review', definition.subject, subject(item))) return 'ineligible';
    return this.conflictOf(item, userId);
  }

  /** The author themself, or a member of the author's organisation or of one the item names. */
  private async conflictOf(item: LibraryItemRecord, userId: string): Promise<string | null> {
    if (userId === item.authorId) return 'is its author';
    const [reviewer, author] = await Promise.all([
      this.profiles.exportOwn(userId),
      this.profiles.exportOwn(item.authorId),
    ]);
    const organisation = normaliseOrganisation(reviewer?.organisation);
    if (!organisation) return null;
    if (organisation === normaliseOrganisation(author?.organisation)) return "is from the author's organisation";
    if (item.organisations.includes(organisation)) return 'is from an organisation the submission names';
    return null;
  }

  /** Exactly one integer score from 1 to 5 for each criterion of the rubric, or a 400 naming each bad one. */
  private scoresOf(sent: Record<string, unknown>, criteria: string[]): Record<string, number> {
    const problems: ErrorDetail[] = [];
    for (const key of Object.keys(sent)) {
      if (!criteria.includes(key))
        problems.push({ field: `scores.${key}`, problem: 'is not a criterion of the rubric' });
    }
    const scores: Record<string, number> = {};
    for (const key of criteria) {
      const value = sent[key];
      if (value === undefined)
        problems.push({ field: `scores.${key}`, problem: `is required: a score from ${SCORE_MIN} to ${SCORE_MAX}` });
      else if (typeof value !== 'number' || !Number.isInteger(value) || value < SCORE_MIN || value > SCORE_MAX) {
        problems.push({ field: `scores.${key}`, problem: `must be a whole number from ${SCORE_MIN} to ${SCORE_MAX}` });
      } else scores[key] = value;
    }
    if (problems.length > 0) throw ApiError.badRequest('The scores do not fit the rubric', problems);
    return scores;
  }
}

function normaliseOrganisation(name: string | null | undefined): string {
  return (name ?? '').trim().toLowerCase();
}
