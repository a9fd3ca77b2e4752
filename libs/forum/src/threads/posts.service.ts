import { Injectable } from '@nestjs/common';
import { ApiError, DomainEvents, ModeratorActed, pageRequest, type PageQuery } from '@plenary/core';
import type { Principal } from '@plenary/identity';
import { type ForumCaller, ForumAbilities } from '../access/forum-abilities.js';
import { type ContentStatus, POST, type ReactionKind, THREAD } from '../model/forum-kinds.js';
import { FollowsRepository, ReadMarksRepository } from '../reading/reading.repositories.js';
import { PostContentMaker } from './content.js';
import type {
  CreatePostDto,
  EditPostDto,
  PostPage,
  PostView,
  PreviewView,
  ReactionsView,
  RevisionList,
} from './dto/thread.dto.js';
import { PostCreated, PostDeleted, PostUpdated, ThreadUpdated } from './forum.events.js';
import type { PostRecord } from './post.schema.js';
import { PostRevisionsRepository, PostsRepository, ReactionsRepository } from './posts.repository.js';
import { ThreadsRepository } from './threads.repository.js';
import { placeOf, ThreadsService } from './threads.service.js';
import { ForumViews } from './views.js';

const threadClosed = () => ApiError.conflict('This thread is locked, hidden or deleted: it takes no replies');

@Injectable()
export class PostsService {
  constructor(
    private readonly posts: PostsRepository,
    private readonly revisions: PostRevisionsRepository,
    private readonly reactions: ReactionsRepository,
    private readonly threadsRepository: ThreadsRepository,
    private readonly threads: ThreadsService,
    private readonly abilities: ForumAbilities,
    private readonly views: ForumViews,
    private readonly content: PostContentMaker,
    private readonly follows: FollowsRepository,
    private readonly readMarks: ReadMarksRepository,
    private readonly events: DomainEvents,
  ) {}

  /** A thread's posts in order; deleted ones as placeholders, hidden ones to their author and moderators only. */
  async list(principal: Principal | null, threadId: string, query: PageQuery): Promise<PostPage> {
    const caller = await this.abilities.of(principal);
    await this.threads.open(caller, threadId);
    const visible = caller.filter('read', POST);
    if (!visible) return { items: [], nextCursor: null };
    const page = await this.posts.list(threadId, visible, pageRequest(query));
    return { items: await this.views.posts(caller, page.items), nextCursor: page.nextCursor };
  }

  /**
   * Replies to a thread: takes the next post number with one $inc on the thread (exact under
   * concurrent replies), then stores the post. The replier follows the thread and has read it.
   */
  async reply(principal: Principal, threadId: string, dto: CreatePostDto): Promise<PostView> {
    const caller = await this.abilities.of(principal);
    const thread = await this.threads.open(caller, threadId);
    const moderator = caller.can('moderate', THREAD, thread);
    if (!caller.can('reply', THREAD, thread) && !(moderator && thread.status === 'visible')) {
      if (thread.locked || thread.status !== 'visible') throw threadClosed();
      caller.assert('reply', THREAD, thread);
    }
    const repliedTo = dto.replyTo ? await this.posts.findById(dto.replyTo) : null;
    if (dto.replyTo && (!repliedTo || repliedTo.threadId !== thread.id || !caller.can('read', POST, repliedTo))) {
      throw ApiError.invalidField('replyTo', 'is not a post of this thread');
    }
    const content = await this.content.make(dto.body);
    const taken = await this.threadsRepository.takeNextNumber(thread.id, principal.id, new Date(), moderator);
    if (!taken) throw threadClosed();
    const post = await this.posts.create({
      threadId: thread.id,
      number: taken.postCount,
      categoryId: taken.categoryId,
      groupId: taken.groupId,
      audience: taken.audience,
      threadStatus: taken.status,
      authorId: principal.id,
      ...content,
      replyTo: repliedTo?.id ?? null,
      status: 'visible',
      reactions: { like: 0, insightful: 0, thanks: 0 },
      editCount: 0,
    });
    await this.follows.follow(thread.id, principal.id);
    await this.readMarks.markRead(thread.id, principal.id, taken.categoryId, post.number);
    await this.events.publish(PostCreated, {
      ...placeOf(taken),
      postId: post.id,
      authorId: principal.id,
      number: post.number,
      mentions: content.mentions,
      replyToAuthorId: repliedTo?.authorId ?? null,
    });
    await this.events.publish(ThreadUpdated, placeOf(taken));
    return (await this.views.posts(caller, [post]))[0];
  }

  /**
   * What a post with this text would show, through the very pipeline that stores posts (Markdown,
   * sanitizing, mentions resolved to profile links), so that the preview is what gets saved. Any
   * signed-in member may preview; nothing is stored and no one is notified.
   */
  async preview(text: string): Promise<PreviewView> {
    return { html: (await this.content.make(text)).html };
  }

  /**
   * Replaces a post's text, keeping what it said before in its history. The author edits their
   * own; a moderator edits anyone's with a reason, which goes to the audit log.
   */
  async edit(principal: Principal, id: string, dto: EditPostDto): Promise<PostView> {
    const caller = await this.abilities.of(principal);
    const post = await this.open(caller, id);
    const own = post.authorId === principal.id;
    if (own) caller.assert('update', POST, post, 'body');
    else {
      caller.assert('moderate', POST, post);
      if (!dto.reason) throw ApiError.invalidField('reason', "is required to edit someone else's post");
    }
    if (post.status !== 'visible') throw ApiError.conflict('A hidden or deleted post cannot be edited');
    const content = await this.content.make(dto.body);
    await this.revisions.add({
      postId: post.id,
      editorId: principal.id,
      previousBody: post.body,
      reason: dto.reason ?? null,
    });
    const edited = await this.posts.edit(post.id, content, new Date());
    if (!edited) throw ApiError.conflict('This post was hidden or deleted meanwhile');
    if (!own) {
      await this.audit(principal, post, 'post.edit', dto.reason ?? null, { body: post.body }, { body: edited.body });
    }
    await this.events.publish(PostUpdated, { ...this.placeOfPost(edited), postId: edited.id });
    return (await this.views.posts(caller, [edited]))[0];
  }

  /** Leaves a "deleted" placeholder; the opening post goes only with its thread. */
  async delete(principal: Principal, id: string, reason: string | null): Promise<void> {
    const caller = await this.abilities.of(principal);
    const post = await this.open(caller, id);
    caller.assert('delete', POST, post);
    if (post.number === 1) throw ApiError.conflict('The opening post is deleted with its thread: delete the thread');
    const deleted = await this.setStatus(post, 'deleted', ['visible', 'hidden']);
    if (post.authorId !== principal.id) {
      await this.audit(principal, post, 'post.delete', reason, { status: post.status }, { status: 'deleted' });
    }
    await this.events.publish(PostDeleted, { ...this.placeOfPost(deleted), postId: deleted.id });
  }

  /** Hides or restores a post: moderators of its scope. */
  async moderate(
    principal: Principal,
    id: string,
    action: 'hide' | 'restore',
    reason: string | null,
  ): Promise<PostView> {
    const caller = await this.abilities.of(principal);
    const post = await this.open(caller, id);
    caller.assert('moderate', POST, post);
    const updated = await this.hideOrRestore(post, action);
    await this.audit(principal, post, `post.${action}`, reason, { status: post.status }, { status: updated.status });
    return (await this.views.posts(caller, [updated]))[0];
  }

  /** For moderation outside a request (content flagged past the threshold). */
  async hideOrRestore(post: PostRecord, action: 'hide' | 'restore'): Promise<PostRecord> {
    const updated =
      action === 'hide'
        ? await this.setStatus(post, 'hidden', ['visible'])
        : await this.setStatus(post, 'visible', ['hidden']);
    await this.events.publish(PostUpdated, { ...this.placeOfPost(updated), postId: updated.id });
    return updated;
  }

  async history(principal: Principal, id: string): Promise<RevisionList> {
    const caller = await this.abilities.of(principal);
    const post = await this.open(caller, id);
    caller.assert('readHistory', POST, post);
    const revisions = await this.revisions.forPost(post.id);
    const names = await this.views.names(revisions.map((revision) => revision.editorId));
    return {
      items: revisions.map((revision) => ({
        editor: names(revision.editorId),
        previousBody: revision.previousBody,
        reason: revision.reason,
        editedAt: revision.createdAt,
      })),
    };
  }

  /**
   * Adds or removes the caller's reaction of a kind; idempotent. The reaction is its own document
   * under a unique index, and the post's count moves only when one was stored or removed.
   */
  async react(principal: Principal, id: string, kind: ReactionKind, on: boolean): Promise<ReactionsView> {
    const caller = await this.abilities.of(principal);
    const post = await this.open(caller, id);
    caller.assert('react', POST, post);
    const changed = on
      ? await this.reactions.add(post.id, principal.id, kind)
      : await this.reactions.remove(post.id, principal.id, kind);
    if (changed) {
      await this.posts.addReaction(post.id, kind, on ? 1 : -1);
      await this.threadsRepository.addToScore(post.threadId, on ? 1 : -1);
      await this.events.publish(PostUpdated, { ...this.placeOfPost(post), postId: post.id });
    }
    return this.reactions.onPost(post.id, principal.id);
  }

  /** The post, if the caller may read it; 404 otherwise. */
  async open(caller: ForumCaller, id: string): Promise<PostRecord> {
    const post = await this.posts.findById(id);
    if (!post) throw ApiError.notFound('Post');
    caller.assertReadable(POST, post, 'Post');
    return post;
  }

  private async setStatus(post: PostRecord, status: ContentStatus, from: ContentStatus[]): Promise<PostRecord> {
    const updated = await this.posts.setStatus(post.id, status, from);
    if (!updated) throw ApiError.conflict(`This post is already ${post.status}`);
    return updated;
  }

  private placeOfPost(post: PostRecord): { threadId: string; categoryId: string; groupId: string | null } {
    return { threadId: post.threadId, categoryId: post.categoryId, groupId: post.groupId };
  }

  private async audit(
    principal: Principal,
    post: PostRecord,
    action: string,
    reason: string | null,
    before: Record<string, unknown>,
    after: Record<string, unknown>,
  ): Promise<void> {
    await this.events.publish(ModeratorActed, {
      actorId: principal.id,
      action,
      target: { type: 'post', id: post.id, groupId: post.groupId },
      reason,
      before,
      after,
    });
  }
}
