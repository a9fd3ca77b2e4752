import { beforeEach, describe, expect, it } from '@jest/globals';
import type { GroupScope } from '@plenary/community';
import type { ConsultationContent } from '@plenary/consultations';
import { ApiError, type AppConfig, DomainEvents, type ModeratorAction, ModeratorActed } from '@plenary/core';
import { DuplicateKeyError } from '@plenary/database';
import type { ForumContent, ForumPostSummary } from '@plenary/forum';
import { AccessService, platformAdminAccess, type Principal, type UsersService } from '@plenary/identity';
import { matchesFilter, principal } from '@plenary/testing';
import { ModerationAbilities } from '../access/moderation-abilities.js';
import type { AuditService } from '../audit/audit.service.js';
import { moderationAccess } from '../moderation.access.js';
import type { FlagStatus } from '../model/moderation-kinds.js';
import type { People } from '../model/people.js';
import type { FlagRecord } from './flag.schema.js';
import type { FlagsRepository, NewFlag, Review } from './flags.repository.js';
import { FlagsService } from './flags.service.js';

const tick = () => new Promise((resolve) => setImmediate(resolve));

/** The flags collection in memory, with its unique index on (target, reporter, openKey). */
class MemoryFlags {
  readonly flags = new Map<string, FlagRecord>();
  private next = 0;

  async create(flag: NewFlag): Promise<FlagRecord> {
    await tick();
    const taken = [...this.flags.values()].some(
      (other) => other.targetId === flag.targetId && other.reporterId === flag.reporterId && other.openKey === 'open',
    );
    if (taken) throw new DuplicateKeyError(['targetType', 'targetId', 'reporterId', 'openKey']);
    this.next += 1;
    const id = `f${String(this.next).padStart(3, '0')}`;
    const record: FlagRecord = {
      ...flag,
      id,
      status: 'open',
      openKey: 'open',
      reviewerId: null,
      reviewReason: null,
      reviewedAt: null,
      createdAt: new Date(),
      updatedAt: new Date(),
    };
    this.flags.set(id, record);
    return { ...record };
  }

  async findById(id: string) {
    const flag = this.flags.get(id);
    return flag ? { ...flag } : null;
  }

  async countOpen(_type: string, targetId: string) {
    await tick();
    return (await this.openOn(_type, targetId)).length;
  }

  async openOn(_type: string, targetId: string) {
    return [...this.flags.values()].filter((flag) => flag.targetId === targetId && flag.status === 'open');
  }

  async onTargets(_type: string, targetIds: string[]) {
    return [...this.flags.values()].filter((flag) => targetIds.includes(flag.targetId));
  }

  async close(id: string, review: Review) {
    const flag = this.flags.get(id);
    if (!flag || flag.status !== 'open') return null;
    const closed: FlagRecord = {
      ...flag,
      status: review.status,
      openKey: id,
      reviewerId: review.reviewerId,
      reviewReason: review.reason,
      reviewedAt: review.at,
    };
    this.flags.set(id, closed);
    return { ...closed };
  }

  async list(visible: Record<string, unknown>, status: FlagStatus | undefined) {
    const items = [...this.flags.values()]
      .filter((flag) => matchesFilter(visible, flag) && (!status || flag.status === status))
      .reverse();
    return { items, nextCursor: null };
  }
}

/** The forum's posts, hidden and restored as ForumContent does: read, then a guarded write (409 when it lost). */
class MemoryForum {
  readonly posts = new Map<string, ForumPostSummary>();
  /** Writes that lost to another request's. */
  conflicts = 0;

  add(postId: string, authorId: string, groupId: string | null = null): void {
    this.posts.set(postId, {
      postId,
      threadId: `t-${postId}`,
      threadTitle: 'A thread',
      groupId,
      authorId,
      status: 'visible',
      excerpt: 'Some text',
    });
  }

  async postToFlag(_principal: Principal, postId: string) {
    const post = this.posts.get(postId);
    if (!post) throw ApiError.notFound('Post');
    if (post.status !== 'visible') throw ApiError.forbidden('You may not flag this post');
    return { ...post };
  }

  async describe(postId: string) {
    const post = this.posts.get(postId);
    return post ? { ...post } : null;
  }

  hide(postId: string) {
    return this.setStatus(postId, 'visible', 'hidden');
  }

  restore(postId: string) {
    return this.setStatus(postId, 'hidden', 'visible');
  }

  private async setStatus(postId: string, from: 'visible' | 'hidden', to: 'visible' | 'hidden'): Promise<boolean> {
    if (this.posts.get(postId)?.status !== from) return false;
    await tick();
    const post = this.posts.get(postId)!;
    if (post.status !== from) {
      this.conflicts += 1;
      throw ApiError.conflict(`This post is already ${post.status}`);
    }
    this.posts.set(postId, { ...post, status: to });
    return true;
  }
}

/** The audit log in memory, fed as the real one is: directly, and by ModeratorActed. */
class MemoryAudit {
  readonly entries: ModeratorAction[] = [];

  async record(action: ModeratorAction) {
    this.entries.push(action);
  }

  async latest(targetType: string, targetId: string, actions: readonly string[]) {
    const entry = this.entries.findLast(
      (item) => item.target.type === targetType && item.target.id === targetId && actions.includes(item.action),
    );
    return entry ?? null;
  }
}

let flags: MemoryFlags;
let forum: MemoryForum;
let audit: MemoryAudit;
let published: ModeratorAction[];
let groupRoles: Map<string, Map<string, string>>;

function service(flagsToHide = 3): FlagsService {
  const access = new AccessService();
  access.register(moderationAccess);
  access.register(platformAdminAccess, { outranking: true });
  const groups = { rolesOf: async (caller: Principal) => groupRoles.get(caller.id) ?? new Map() };
  const events = new DomainEvents();
  events.subscribe(ModeratorActed, 'spec', (action) => {
    published.push(action);
    return audit.record(action);
  });
  return new FlagsService(
    flags as unknown as FlagsRepository,
    forum as unknown as ForumContent,
    audit as unknown as AuditService,
    new ModerationAbilities(access, groups as unknown as GroupScope),
    { names: async () => (id: string) => ({ id, displayName: id }) } as unknown as People,
    events,
    { flagsToHide } as AppConfig,
    { principalOf: async (id: string) => (id === staff.id ? staff : principal(id)) } as unknown as UsersService,
    {} as unknown as ConsultationContent,
  );
}

const author = principal('author');
const reporters = ['r1', 'r2', 'r3', 'r4'].map((id) => principal(id));
const moderator = principal('mod', 'moderator');
const staff = principal('staff', 'moderator');

beforeEach(() => {
  flags = new MemoryFlags();
  forum = new MemoryForum();
  audit = new MemoryAudit();
  published = [];
  groupRoles = new Map();
  forum.add('p1', author.id);
});

describe('FlagsService.flag', () => {
  it('leaves a moderator’s post visible until a review, however many flags it has', async () => {
    const flagsService = service();
    forum.add('p2', staff.id);
    for (const reporter of reporters.slice(0, 3)) await flagsService.flag(reporter, 'p2', { reason: 'spam' });
    expect(forum.posts.get('p2')?.status).toBe('visible');
    expect(published).toEqual([]);
  });

  it('hides the post when its open flags reach FLAGS_TO_HIDE, once, with Plenary as the actor', async () => {
    const flagsService = service();
    await flagsService.flag(reporters[0], 'p1', { reason: 'spam' });
    await flagsService.flag(reporters[1], 'p1', { reason: 'abuse' });
    expect(forum.posts.get('p1')?.status).toBe('visible');
    expect(audit.entries).toEqual([]);

    await flagsService.flag(reporters[2], 'p1', { reason: 'spam' });
    expect(forum.posts.get('p1')?.status).toBe('hidden');
    expect(audit.entries).toEqual([
      {
        actorId: null,
        action: 'post.hide',
        target: { type: 'post', id: 'p1', groupId: null },
        reason: '3 open flags (spam 2, abuse 1)',
        before: { status: 'visible', openFlags: 3 },
        after: { status: 'hidden', openFlags: 3 },
      },
    ]);
  });

  it('takes the threshold from the configuration', async () => {
    await service(1).flag(reporters[0], 'p1', { reason: 'off_topic' });
    expect(forum.posts.get('p1')?.status).toBe('hidden');
  });

  it('hides and records once when several flags cross the threshold at the same moment', async () => {
    const flagsService = service(2);
    const receipts = await Promise.all(
      reporters.map((reporter) => flagsService.flag(reporter, 'p1', { reason: 'spam' })),
    );
    expect(receipts.map((receipt) => receipt.status)).toEqual(['open', 'open', 'open', 'open']);
    expect(forum.conflicts).toBeGreaterThan(0);
    expect(forum.posts.get('p1')?.status).toBe('hidden');
    expect(audit.entries.map((entry) => entry.action)).toEqual(['post.hide']);
  });

  it('refuses a flag on one’s own post and a second open flag on the same post', async () => {
    const flagsService = service();
    await expect(flagsService.flag(author, 'p1', { reason: 'spam' })).rejects.toMatchObject({ status: 403 });
    await flagsService.flag(reporters[0], 'p1', { reason: 'spam' });
    await expect(flagsService.flag(reporters[0], 'p1', { reason: 'abuse' })).rejects.toMatchObject({ status: 409 });
    expect(flags.flags.size).toBe(1);
  });
});

describe('FlagsService.review', () => {
  async function flagged(count: number, flagsService = service()): Promise<string[]> {
    const ids: string[] = [];
    for (const reporter of reporters.slice(0, count)) {
      ids.push((await flagsService.flag(reporter, 'p1', { reason: 'spam' })).id);
    }
    return ids;
  }

  it('resolving one flag resolves every open flag on the post and hides it', async () => {
    const flagsService = service();
    const ids = await flagged(2, flagsService);
    const view = await flagsService.review(moderator, ids[0], 'resolve', 'Spam indeed');
    expect(view).toMatchObject({ status: 'resolved', postFlags: { open: 0, resolved: 2 } });
    expect([...flags.flags.values()].map((flag) => [flag.status, flag.openKey])).toEqual([
      ['resolved', ids[0]],
      ['resolved', ids[1]],
    ]);
    expect(forum.posts.get('p1')?.status).toBe('hidden');
    expect(published).toEqual([
      {
        actorId: 'mod',
        action: 'flag.resolve',
        target: { type: 'post', id: 'p1', groupId: null },
        reason: 'Spam indeed',
        before: { status: 'visible', openFlags: 2 },
        after: { status: 'hidden', openFlags: 0 },
      },
    ]);
    await expect(flagsService.review(moderator, ids[1], 'dismiss', 'Second thoughts')).rejects.toMatchObject({
      status: 409,
    });
  });

  it('dismissing restores a post its flags hid, and lets members flag it again', async () => {
    const flagsService = service();
    const ids = await flagged(3, flagsService);
    expect(forum.posts.get('p1')?.status).toBe('hidden');
    await flagsService.review(moderator, ids[2], 'dismiss', 'Not spam');
    expect(forum.posts.get('p1')?.status).toBe('visible');
    expect(published.map((action) => action.action)).toEqual(['post.hide', 'flag.dismiss']);
    expect(published[0]).toMatchObject({ actorId: null, after: { status: 'hidden', openFlags: 3 } });
    expect(published[1]).toMatchObject({
      action: 'flag.dismiss',
      before: { status: 'hidden', openFlags: 3 },
      after: { status: 'visible', openFlags: 0 },
    });
    await expect(flagsService.flag(reporters[0], 'p1', { reason: 'abuse' })).resolves.toMatchObject({ status: 'open' });
  });

  it('dismissing leaves hidden a post that a moderator hid', async () => {
    const flagsService = service();
    const [id] = await flagged(1, flagsService);
    await forum.hide('p1');
    await audit.record({
      actorId: 'mod',
      action: 'post.hide',
      target: { type: 'post', id: 'p1', groupId: null },
      reason: 'Rude',
      before: { status: 'visible' },
      after: { status: 'hidden' },
    });
    await flagsService.review(moderator, id, 'dismiss', 'Not spam, still rude');
    expect(forum.posts.get('p1')?.status).toBe('hidden');
  });

  it('lets a group’s facilitators review only their group’s flags, and no member who runs no group', async () => {
    forum.add('pA', author.id, 'gA');
    forum.add('pB', author.id, 'gB');
    const flagsService = service();
    const inA = await flagsService.flag(reporters[0], 'pA', { reason: 'spam' });
    const inB = await flagsService.flag(reporters[0], 'pB', { reason: 'spam' });
    const onPlatform = await flagsService.flag(reporters[0], 'p1', { reason: 'spam' });
    const facilitator = principal('fac');
    groupRoles.set('fac', new Map([['gA', 'facilitator']]));
    groupRoles.set(reporters[1].id, new Map([['gA', 'member']]));

    const listed = await flagsService.list(facilitator, { limit: 20 });
    expect(listed.items.map((item) => item.id)).toEqual([inA.id]);
    expect((await flagsService.list(moderator, { limit: 20 })).items).toHaveLength(3);
    expect((await flagsService.list(moderator, { limit: 20, status: 'resolved' })).items).toEqual([]);
    for (const other of [inB.id, onPlatform.id]) {
      await expect(flagsService.review(facilitator, other, 'resolve', 'Not mine')).rejects.toMatchObject({
        status: 404,
      });
    }
    await expect(flagsService.list(reporters[1], { limit: 20 })).rejects.toMatchObject({ status: 403 });
    await expect(flagsService.review(reporters[1], inA.id, 'dismiss', 'Mine')).rejects.toMatchObject({ status: 403 });
    await expect(flagsService.review(facilitator, inA.id, 'resolve', 'Spam')).resolves.toMatchObject({
      status: 'resolved',
    });
    expect(published).toHaveLength(1);
  });
});
