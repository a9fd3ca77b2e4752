import { HttpStatus, Injectable } from '@nestjs/common';
import { ApiError, AppConfig, DomainEvents, ModeratorActed, pageRequest } from '@plenary/core';
import { ConsultationContent } from '@plenary/consultations';
import { DuplicateKeyError } from '@plenary/database';
import { ForumContent } from '@plenary/forum';
import { type Principal, UsersService } from '@plenary/identity';
import { ModerationAbilities } from '../access/moderation-abilities.js';
import { AuditService } from '../audit/audit.service.js';
import { FLAG, type FlagReason, type FlagTargetType, noReasons } from '../model/moderation-kinds.js';
import { People } from '../model/people.js';
import type {
  CommentFlagReceipt,
  CreateFlagDto,
  FlaggedCommentView,
  FlaggedPostView,
  FlagListQuery,
  FlagPage,
  FlagReceipt,
  FlagView,
} from './dto/flag.dto.js';
import type { FlagRecord } from './flag.schema.js';
import { FlagsRepository, type Review } from './flags.repository.js';

type Decision = 'resolve' | 'dismiss';

/** The audit actions that set a target's status: the latest of them says who hid a hidden post or comment. */
const statusActions = (type: FlagTargetType) => [
  `${type}.hide`,
  `${type}.restore`,
  `${type}.delete`,
  'flag.resolve',
  'flag.dismiss',
];

/** Flagged content as the flags see it, whichever context holds it. */
interface Flagged {
  targetId: string;
  /** The post's thread, the comment's consultation. */
  containerId: string;
  groupId: string | null;
  authorId: string;
  status: string;
}

/** What flags need of the context that holds a kind of content. */
interface FlaggedKind {
  describe(id: string): Promise<Flagged | null>;
  hide(id: string): Promise<boolean>;
  restore(id: string): Promise<boolean>;
}

/**
 * Members flag posts (and comments on consultations, which follow the same rules, with
 * `consultation_comment.hide` for `post.hide`); moderators review the flags of their scope.
 *
 * - One open flag per member and post (a unique index); never on one's own post.
 * - A post with FLAGS_TO_HIDE open flags is hidden at once, unless a moderator or admin wrote it
 *   (as in Discourse: staff posts wait for a review). Plenary itself is the actor of that
 *   `post.hide` in the audit log (actor null): no reporter decided it alone, and no moderator yet.
 * - Reviewing one flag reviews the post, as in Discourse: every open flag on it is closed with the
 *   same decision. Resolve (the flags are right) hides the post if it is still visible; dismiss
 *   (they are wrong) restores it when the flags had hidden it and none is open any more; a post a
 *   moderator hid stays hidden. Both go to the audit log as `flag.resolve` / `flag.dismiss`.
 */
@Injectable()
export class FlagsService {
  private readonly kinds: Record<FlagTargetType, FlaggedKind>;

  constructor(
    private readonly flags: FlagsRepository,
    private readonly forum: ForumContent,
    private readonly audit: AuditService,
    private readonly abilities: ModerationAbilities,
    private readonly people: People,
    private readonly events: DomainEvents,
    private readonly config: AppConfig,
    private readonly users: UsersService,
    private readonly consultations: ConsultationContent,
  ) {
    this.kinds = {
      post: {
        describe: async (id) => {
          const post = await this.forum.describe(id);
          return post && { ...post, targetId: post.postId, containerId: post.threadId };
        },
        hide: (id) => this.forum.hide(id),
        restore: (id) => this.forum.restore(id),
      },
      consultation_comment: {
        describe: async (id) => {
          const comment = await this.consultations.describe(id);
          return comment && { ...comment, targetId: comment.commentId, containerId: comment.consultationId };
        },
        hide: (id) => this.consultations.hide(id),
        restore: (id) => this.consultations.restore(id),
      },
    };
  }

  async flag(principal: Principal, postId: string, dto: CreateFlagDto): Promise<FlagReceipt> {
    const post = await this.forum.postToFlag(principal, postId);
    if (post.authorId === principal.id) throw ApiError.forbidden('You may not flag your own post');
    const flag = await this.create(
      principal,
      'post',
      {
        targetId: post.postId,
        containerId: post.threadId,
        groupId: post.groupId,
        authorId: post.authorId,
        status: post.status,
      },
      dto,
    );
    return {
      id: flag.id,
      postId: flag.targetId,
      reason: flag.reason,
      note: flag.note,
      status: flag.status,
      createdAt: flag.createdAt,
    };
  }

  /** A flag on a consultation's comment, under the rules of post flags. */
  async flagComment(
    principal: Principal,
    consultationId: string,
    commentId: string,
    dto: CreateFlagDto,
  ): Promise<CommentFlagReceipt> {
    const comment = await this.consultations.commentToFlag(principal, consultationId, commentId);
    if (comment.authorId === principal.id) throw ApiError.forbidden('You may not flag your own comment');
    const flag = await this.create(
      principal,
      'consultation_comment',
      {
        targetId: comment.commentId,
        containerId: comment.consultationId,
        groupId: comment.groupId,
        authorId: comment.authorId,
        status: comment.status,
      },
      dto,
    );
    return {
      id: flag.id,
      commentId: flag.targetId,
      reason: flag.reason,
      note: flag.note,
      status: flag.status,
      createdAt: flag.createdAt,
    };
  }

  private async create(
    principal: Principal,
    targetType: FlagTargetType,
    target: Flagged,
    dto: CreateFlagDto,
  ): Promise<FlagRecord> {
    let flag: FlagRecord;
    try {
      flag = await this.flags.create({
        targetType,
        targetId: target.targetId,
        threadId: target.containerId,
        groupId: target.groupId,
        authorId: target.authorId,
        reporterId: principal.id,
        reason: dto.reason,
        note: dto.note ?? null,
      });
    } catch (error) {
      if (error instanceof DuplicateKeyError) {
        const what = targetType === 'post' ? 'post' : 'comment';
        throw ApiError.conflict(`You have already flagged this ${what}: a moderator will review it`);
      }
      throw error;
    }
    await this.hideIfFlaggedEnough(targetType, target);
    return flag;
  }

  /** The flags of the caller's scope, newest first. */
  async list(principal: Principal, query: FlagListQuery): Promise<FlagPage> {
    const { visible } = await this.abilities.scopeOf(principal, FLAG);
    const page = await this.flags.list(visible, query.status, pageRequest(query));
    return { items: await this.views(page.items), nextCursor: page.nextCursor };
  }

  async review(principal: Principal, id: string, decision: Decision, reason: string): Promise<FlagView> {
    const { abilities } = await this.abilities.scopeOf(principal, FLAG);
    const flag = await this.flags.findById(id);
    if (!flag || !abilities.can('read', FLAG, flag)) throw ApiError.notFound('Flag');
    abilities.assert('review', FLAG, flag);
    const review: Review = {
      status: decision === 'resolve' ? 'resolved' : 'dismissed',
      reviewerId: principal.id,
      reason,
      at: new Date(),
    };
    const reviewed = await this.flags.close(flag.id, review);
    if (!reviewed) {
      throw ApiError.conflict(`This flag was already ${flag.status === 'open' ? 'reviewed' : flag.status}`);
    }
    let closed = 1;
    for (const other of await this.flags.openOn(flag.targetType, flag.targetId)) {
      if (await this.flags.close(other.id, review)) closed += 1;
    }

    const kind = this.kinds[flag.targetType];
    const before = await kind.describe(flag.targetId);
    const stillOpen = await this.flags.countOpen(flag.targetType, flag.targetId);
    if (decision === 'resolve') {
      await this.quietly(() => kind.hide(flag.targetId));
    } else if (
      before?.status === 'hidden' &&
      stillOpen === 0 &&
      (await this.hiddenByFlags(flag.targetType, flag.targetId))
    ) {
      await this.quietly(() => kind.restore(flag.targetId));
    }
    const after = await kind.describe(flag.targetId);
    await this.events.publish(ModeratorActed, {
      actorId: principal.id,
      action: `flag.${decision}`,
      target: { type: flag.targetType, id: flag.targetId, groupId: flag.groupId },
      reason,
      before: { status: before?.status ?? null, openFlags: closed + stillOpen },
      after: { status: after?.status ?? null, openFlags: stillOpen },
    });
    return (await this.views([reviewed]))[0];
  }

  /** At FLAGS_TO_HIDE open flags the content is hidden until reviewed; moderators' and admins' content waits for a review. */
  private async hideIfFlaggedEnough(type: FlagTargetType, target: Flagged): Promise<void> {
    if ((await this.flags.countOpen(type, target.targetId)) < this.config.flagsToHide) return;
    const author = await this.users.principalOf(target.authorId);
    if (author?.role === 'moderator' || author?.role === 'admin') return;
    if (!(await this.quietly(() => this.kinds[type].hide(target.targetId)))) return;
    const open = await this.flags.openOn(type, target.targetId);
    const reasons = noReasons();
    for (const flag of open) reasons[flag.reason] += 1;
    await this.events.publish(ModeratorActed, {
      actorId: null,
      action: `${type}.hide`,
      target: { type, id: target.targetId, groupId: target.groupId },
      reason: `${open.length} open flags (${describeReasons(reasons)})`,
      before: { status: 'visible', openFlags: open.length },
      after: { status: 'hidden', openFlags: open.length },
    });
  }

  private async hiddenByFlags(type: FlagTargetType, targetId: string): Promise<boolean> {
    const latest = await this.audit.latest(type, targetId, statusActions(type));
    return latest?.action === `${type}.hide` && latest.actorId === null;
  }

  /**
   * The forum answers 409 when another request changed the post between its read and its write:
   * the change was made, by that request, so this one has nothing to do.
   */
  private async quietly(change: () => Promise<boolean>): Promise<boolean> {
    try {
      return await change();
    } catch (error) {
      if (error instanceof ApiError && error.getStatus() === HttpStatus.CONFLICT) return false;
      throw error;
    }
  }

  private async views(flags: FlagRecord[]): Promise<FlagView[]> {
    const idsOf = (type: FlagTargetType) => [
      ...new Set(flags.filter((flag) => flag.targetType === type).map((flag) => flag.targetId)),
    ];
    const postIds = idsOf('post');
    const commentIds = idsOf('consultation_comment');
    const [posts, comments, onPosts, onComments] = await Promise.all([
      Promise.all(postIds.map((postId) => this.forum.describe(postId))),
      Promise.all(commentIds.map((commentId) => this.consultations.describe(commentId))),
      this.flags.onTargets('post', postIds),
      this.flags.onTargets('consultation_comment', commentIds),
    ]);
    const postsById = new Map(posts.flatMap((post) => (post ? [[post.postId, post] as const] : [])));
    const commentsById = new Map(
      comments.flatMap((comment) => (comment ? [[comment.commentId, comment] as const] : [])),
    );
    const onTargets = [...onPosts, ...onComments];
    const names = await this.people.names([
      ...flags.flatMap((flag) => (flag.reviewerId ? [flag.reviewerId] : [])),
      ...onTargets.map((flag) => flag.reporterId),
      ...[...postsById.values()].map((post) => post.authorId),
      ...[...commentsById.values()].map((comment) => comment.authorId),
    ]);
    return flags.map((flag) => {
      const post = flag.targetType === 'post' ? postsById.get(flag.targetId) : undefined;
      const comment = flag.targetType === 'consultation_comment' ? commentsById.get(flag.targetId) : undefined;
      const onTarget = onTargets.filter(
        (other) => other.targetType === flag.targetType && other.targetId === flag.targetId,
      );
      const alike = onTarget.filter((other) => other.status === flag.status);
      const reasons = noReasons();
      for (const other of alike) reasons[other.reason] += 1;
      const count = (status: string) => onTarget.filter((other) => other.status === status).length;
      const postView: FlaggedPostView | null = post
        ? {
            id: post.postId,
            threadId: post.threadId,
            threadTitle: post.threadTitle,
            groupId: post.groupId,
            author: names(post.authorId),
            status: post.status,
            excerpt: post.excerpt,
          }
        : null;
      const commentView: FlaggedCommentView | null = comment
        ? {
            id: comment.commentId,
            consultationId: comment.consultationId,
            consultationTitle: comment.consultationTitle,
            sectionId: comment.sectionId,
            sectionTitle: comment.sectionTitle,
            groupId: comment.groupId,
            author: names(comment.authorId),
            status: comment.status,
            excerpt: comment.excerpt,
          }
        : null;
      return {
        id: flag.id,
        status: flag.status,
        reason: flag.reason,
        note: flag.note,
        reporter: names(flag.reporterId),
        createdAt: flag.createdAt,
        review:
          flag.reviewerId && flag.reviewReason && flag.reviewedAt
            ? { moderator: names(flag.reviewerId), reason: flag.reviewReason, at: flag.reviewedAt }
            : null,
        targetType: flag.targetType,
        post: postView,
        comment: commentView,
        postFlags: {
          open: count('open'),
          resolved: count('resolved'),
          dismissed: count('dismissed'),
          reasons,
          reporters: alike.map((other) => names(other.reporterId)),
        },
      };
    });
  }
}

function describeReasons(reasons: Record<FlagReason, number>): string {
  return Object.entries(reasons)
    .filter(([, count]) => count > 0)
    .map(([reason, count]) => `${reason} ${count}`)
    .join(', ');
}
