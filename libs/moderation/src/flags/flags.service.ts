import { HttpStatus, Injectable } from '@nestjs/common';
import { ApiError, AppConfig, DomainEvents, ModeratorActed, pageRequest } from '@plenary/core';
import { DuplicateKeyError } from '@plenary/database';
import { ForumContent, type ForumPostSummary } from '@plenary/forum';
import { type Principal, UsersService } from '@plenary/identity';
import { ModerationAbilities } from '../access/moderation-abilities.js';
import { AuditService } from '../audit/audit.service.js';
import { FLAG, type FlagReason, noReasons } from '../model/moderation-kinds.js';
import { People } from '../model/people.js';
import type { CreateFlagDto, FlagListQuery, FlagPage, FlagReceipt, FlagView } from './dto/flag.dto.js';
import type { FlagRecord } from './flag.schema.js';
import { FlagsRepository, type Review } from './flags.repository.js';

type Decision = 'resolve' | 'dismiss';

/** The audit actions that set a post's status: the latest of them says who hid a hidden post. */
const STATUS_ACTIONS = ['post.hide', 'post.restore', 'post.delete', 'flag.resolve', 'flag.dismiss'];

/**
 * Members flag posts; moderators review the flags of their scope.
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
  constructor(
    private readonly flags: FlagsRepository,
    private readonly forum: ForumContent,
    private readonly audit: AuditService,
    private readonly abilities: ModerationAbilities,
    private readonly people: People,
    private readonly events: DomainEvents,
    private readonly config: AppConfig,
    private readonly users: UsersService,
  ) {}

  async flag(principal: Principal, postId: string, dto: CreateFlagDto): Promise<FlagReceipt> {
    const post = await this.forum.postToFlag(principal, postId);
    if (post.authorId === principal.id) throw ApiError.forbidden('You may not flag your own post');
    let flag: FlagRecord;
    try {
      flag = await this.flags.create({
        targetType: 'post',
        targetId: post.postId,
        threadId: post.threadId,
        groupId: post.groupId,
        authorId: post.authorId,
        reporterId: principal.id,
        reason: dto.reason,
        note: dto.note ?? null,
      });
    } catch (error) {
      if (error instanceof DuplicateKeyError) {
        throw ApiError.conflict('You have already flagged this post: a moderator will review it');
      }
      throw error;
    }
    await this.hideIfFlaggedEnough(post);
    return {
      id: flag.id,
      postId: flag.targetId,
      reason: flag.reason,
      note: flag.note,
      status: flag.status,
      createdAt: flag.createdAt,
    };
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

    const before = await this.forum.describe(flag.targetId);
    const stillOpen = await this.flags.countOpen(flag.targetType, flag.targetId);
    if (decision === 'resolve') {
      await this.quietly(() => this.forum.hide(flag.targetId));
    } else if (before?.status === 'hidden' && stillOpen === 0 && (await this.hiddenByFlags(flag.targetId))) {
      await this.quietly(() => this.forum.restore(flag.targetId));
    }
    const after = await this.forum.describe(flag.targetId);
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

  /** At FLAGS_TO_HIDE open flags the post is hidden until reviewed; moderators' and admins' posts wait for a review. */
  private async hideIfFlaggedEnough(post: ForumPostSummary): Promise<void> {
    if ((await this.flags.countOpen('post', post.postId)) < this.config.flagsToHide) return;
    const author = await this.users.principalOf(post.authorId);
    if (author?.role === 'moderator' || author?.role === 'admin') return;
    if (!(await this.quietly(() => this.forum.hide(post.postId)))) return;
    const open = await this.flags.openOn('post', post.postId);
    const reasons = noReasons();
    for (const flag of open) reasons[flag.reason] += 1;
    await this.events.publish(ModeratorActed, {
      actorId: null,
      action: 'post.hide',
      target: { type: 'post', id: post.postId, groupId: post.groupId },
      reason: `${open.length} open flags (${describeReasons(reasons)})`,
      before: { status: 'visible', openFlags: open.length },
      after: { status: 'hidden', openFlags: open.length },
    });
  }

  private async hiddenByFlags(postId: string): Promise<boolean> {
    const latest = await this.audit.latest('post', postId, STATUS_ACTIONS);
    return latest?.action === 'post.hide' && latest.actorId === null;
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
    const postIds = [...new Set(flags.map((flag) => flag.targetId))];
    const [posts, onPosts] = await Promise.all([
      Promise.all(postIds.map((postId) => this.forum.describe(postId))),
      this.flags.onTargets('post', postIds),
    ]);
    const postsById = new Map(posts.flatMap((post) => (post ? [[post.postId, post] as const] : [])));
    const names = await this.people.names([
      ...flags.flatMap((flag) => (flag.reviewerId ? [flag.reviewerId] : [])),
      ...onPosts.map((flag) => flag.reporterId),
      ...[...postsById.values()].map((post) => post.authorId),
    ]);
    return flags.map((flag) => {
      const post = postsById.get(flag.targetId);
      const onPost = onPosts.filter((other) => other.targetId === flag.targetId);
      const alike = onPost.filter((other) => other.status === flag.status);
      const reasons = noReasons();
      for (const other of alike) reasons[other.reason] += 1;
      const count = (status: string) => onPost.filter((other) => other.status === status).length;
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
        post: post
          ? {
              id: post.postId,
              threadId: post.threadId,
              threadTitle: post.threadTitle,
              groupId: post.groupId,
              author: names(post.authorId),
              status: post.status,
              excerpt: post.excerpt,
            }
          : null,
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
