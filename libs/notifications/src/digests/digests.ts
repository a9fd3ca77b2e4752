import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { AppConfig } from '@plenary/core';
import { ForumDigestSource } from '@plenary/forum';
import { type MemberContact, UsersService } from '@plenary/identity';
import { Mailer } from '@plenary/mail';
import type { NotificationView } from '../notifications/dto/notification.dto.js';
import { NotificationViews } from '../notifications/notification-views.js';
import { NotificationsRepository } from '../notifications/notifications.repository.js';
import { PreferencesRepository } from '../preferences/preferences.repository.js';
import { type DigestMailData, digestMail } from './digest.mails.js';
import { type DigestPeriod, type DigestSchedule, digestPeriod } from './digest-periods.js';
import { DigestsRepository } from './digests.repository.js';
import { UnsubscribeTokens } from './unsubscribe-tokens.js';

const EVERY_MS = 15 * 60 * 1000;
const BATCH = 100;
/** How many notifications, and how many threads, a digest lists. */
const LATEST = 10;
/** Digests older than this are forgotten: the next one never reaches back further than a week. */
const KEEP_MS = 35 * 86_400_000;
const SCHEDULES: DigestSchedule[] = ['daily', 'weekly'];

/**
 * Mails each member who asked for a digest, once per day or ISO week where they live (their time
 * zone; UTC when they gave none), what happened since their last one: their unread notifications and the new threads of the categories they follow. Every
 * 15 minutes, and on demand (`run`, for tests); several instances may run at once, the claim of a
 * (member, period) under a unique index decides which one mails.
 */
@Injectable()
export class Digests implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(Digests.name);
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly preferences: PreferencesRepository,
    private readonly digests: DigestsRepository,
    private readonly notifications: NotificationsRepository,
    private readonly views: NotificationViews,
    private readonly forum: ForumDigestSource,
    private readonly users: UsersService,
    private readonly mailer: Mailer,
    private readonly tokens: UnsubscribeTokens,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.timer = setInterval(() => {
      this.run().catch((error: unknown) => this.logger.error({ err: error }, 'digests failed'));
    }, EVERY_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Makes the digests due at `now`; how many this call mailed. */
  async run(now = new Date()): Promise<number> {
    await this.digests.deleteEndedBefore(new Date(now.getTime() - KEEP_MS));
    let mailed = 0;
    for (const frequency of SCHEDULES) {
      let after: string | null = null;
      for (;;) {
        const batch = await this.preferences.withDigest(frequency, after, BATCH);
        if (batch.length === 0) break;
        after = batch[batch.length - 1].id;
        for (const [period, members] of periodsOf(batch, frequency, now)) {
          mailed += await this.digestsOfPeriod(frequency, period, members, now);
        }
        if (batch.length < BATCH) break;
      }
    }
    return mailed;
  }

  /** The digests of these members, whose current period (in their time zones) is this one; how many were mailed. */
  private async digestsOfPeriod(
    frequency: DigestSchedule,
    period: DigestPeriod,
    members: string[],
    now: Date,
  ): Promise<number> {
    const claimed = await this.digests.claimedAmong(period.key, members);
    const due = members.filter((userId) => !claimed.has(userId));
    const lastEnds = await this.digests.lastEnds(due, period.previousStart);
    let mailed = 0;
    for (const userId of due) {
      const since = lastEnds.get(userId) ?? period.previousStart;
      try {
        if (await this.digestOf(userId, frequency, period, { since, until: now })) mailed += 1;
      } catch (error) {
        this.logger.error({ err: error, userId, period: period.key }, 'a digest failed');
      }
    }
    return mailed;
  }

  /** Claims the member's digest of the period and mails it when there is something to say; true when mailed. */
  private async digestOf(
    userId: string,
    frequency: DigestSchedule,
    period: DigestPeriod,
    window: { since: Date; until: Date },
  ): Promise<boolean> {
    if (!(await this.digests.claim({ userId, period: period.key, ...window }))) return false;
    try {
      const contact = await this.users.contactOf(userId);
      if (!contact?.active) return false;
      const data = await this.contentFor(contact, frequency, window);
      if (!data) return false;
      const token = this.tokens.tokenFor(userId);
      return await this.mailer.send({
        to: contact.email,
        locale: contact.locale,
        template: digestMail,
        data,
        unsubscribe: {
          url: this.mailer.link('/unsubscribe', { token }),
          oneClickUrl: `${this.config.accounts.publicUrl}/api/v1/notifications/unsubscribe?token=${encodeURIComponent(token)}`,
        },
        key: `digest:${userId}:${period.key}`,
      });
    } catch (error) {
      await this.digests.release(userId, period.key);
      throw error;
    }
  }

  /** What the digest says; null when there is nothing to say. */
  private async contentFor(
    contact: MemberContact,
    frequency: DigestSchedule,
    window: { since: Date; until: Date },
  ): Promise<DigestMailData | null> {
    const [unreadCount, latest, threads] = await Promise.all([
      this.notifications.countUnreadIn(contact.id, window),
      this.notifications.unreadIn(contact.id, window, LATEST),
      this.forum.newThreadsInFollowedCategories(contact.id, window, LATEST),
    ]);
    if (unreadCount === 0 && threads.length === 0) return null;
    return {
      displayName: contact.displayName,
      frequency,
      unreadCount,
      notifications: (await this.views.of(latest)).map((notification) => {
        const path = pathOf(notification);
        return {
          kind: notification.kind,
          actor: notification.actor?.displayName ?? null,
          text: notification.text,
          action: notification.action,
          url: path ? this.mailer.link(path) : null,
        };
      }),
      threads: threads.map((thread) => ({
        title: thread.title,
        categoryName: thread.categoryName,
        url: this.mailer.link(thread.path),
      })),
      notificationsUrl: this.mailer.link('/notifications'),
    };
  }
}

/** Where a notification leads in the web client (as its notifications page links it). */
function pathOf(notification: NotificationView): string | null {
  if (notification.threadId) {
    return `/forum/t/${notification.threadId}${notification.postId ? `#post-${notification.postId}` : ''}`;
  }
  if (notification.sessionId) return `/live/${notification.sessionId}`;
  if (notification.pledgeId) return `/pledges/${notification.pledgeId}`;
  if (notification.itemId)
    return `/library/${notification.itemKind === 'initiative' ? 'i' : 'r'}/${notification.itemId}`;
  if (notification.groupId) return `/groups/${notification.groupId}`;
  return null;
}

/** The members of a batch by their current period: members in the same time zone share one. */
function periodsOf(
  batch: { userId: string; timeZone: string | null }[],
  frequency: DigestSchedule,
  now: Date,
): [DigestPeriod, string[]][] {
  const byZone = new Map<string, string[]>();
  for (const { userId, timeZone } of batch) {
    const zone = timeZone ?? 'UTC';
    const members = byZone.get(zone);
    if (members) members.push(userId);
    else byZone.set(zone, [userId]);
  }
  return [...byZone].map(([zone, members]) => [digestPeriod(frequency, now, zone), members]);
}
