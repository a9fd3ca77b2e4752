import { randomUUID } from 'node:crypto';
import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { AppConfig } from '@plenary/core';
import { DuplicateKeyError } from '@plenary/database';
import { renderMail } from '../layout/mail-layout.js';
import { mailLocale, type MailRequest } from '../model/mail-template.js';
import { UNSUBSCRIBE_LABEL } from '../model/unsubscribe-label.js';
import { MailDeliveryError, MailTransport } from '../transport/mail-transport.js';
import type { MailJobRecord } from './mail-job.schema.js';
import { MailClaimsRepository, MailJobsRepository } from './mail-jobs.repository.js';

const BATCH = 20;
/** A claim older than this whose job is still waiting belongs to a worker that died mid-send. */
const CLAIM_LEASE_MS = 5 * 60_000;
const CLAIM_HISTORY_MS = 7 * 24 * 3_600_000;
const CLAIM_PRUNE_EVERY_MS = 3_600_000;
const FINISHED_MAIL_KEPT_MS = 30 * 24 * 3_600_000;
const LONGEST_WAIT_S = 3_600;

/**
 * The persistent mail queue: mails are rendered and stored when asked for, then sent by whichever
 * instance claims each attempt first (a claim document under a unique index), retried with
 * exponential back-off while the SMTP server is unreachable, given up after MAIL_MAX_ATTEMPTS.
 * Every instance works the queue: at once after queueing, and every MAIL_POLL_MS.
 */
@Injectable()
export class MailQueue implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(MailQueue.name);
  private readonly worker = randomUUID();
  private timer: NodeJS.Timeout | null = null;
  private draining: Promise<void> | null = null;
  private drainAgain = false;
  private stopped = false;
  private claimsPrunedAt = 0;

  constructor(
    private readonly jobs: MailJobsRepository,
    private readonly claims: MailClaimsRepository,
    private readonly transport: MailTransport,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.kick(), this.config.mail.pollMs);
    this.timer.unref();
    this.kick();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.draining;
    this.transport.close();
  }

  async enqueue<Data>(request: MailRequest<Data>): Promise<boolean> {
    const { template } = request;
    if (!template.transactional && !request.unsubscribe) {
      throw new Error(`the mail ${template.name} is not transactional: it needs an unsubscribe link`);
    }
    const locale = mailLocale(request.locale);
    const rendered = renderMail(template.render[locale](request.data), {
      platformName: this.config.accounts.platformName,
      unsubscribe: request.unsubscribe && { url: request.unsubscribe.url, label: UNSUBSCRIBE_LABEL[locale] },
    });
    const headers: Record<string, string> = { 'Content-Language': locale };
    if (request.unsubscribe) {
      headers['List-Unsubscribe'] = `<${request.unsubscribe.oneClickUrl}>`;
      headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';
    } else {
      headers['Auto-Submitted'] = 'auto-generated';
    }
    try {
      await this.jobs.add(
        { key: request.key ?? randomUUID(), template: template.name, to: request.to, headers, ...rendered },
        new Date(),
      );
    } catch (error) {
      if (error instanceof DuplicateKeyError) return false;
      throw error;
    }
    this.kick();
    return true;
  }

  /** Works the queue now (without waiting for the next poll); resolves when this pass is done. */
  drain(): Promise<void> {
    if (this.draining) {
      this.drainAgain = true;
      return this.draining;
    }
    this.draining = (async () => {
      do {
        this.drainAgain = false;
        await this.sendDue();
      } while (this.drainAgain && !this.stopped);
    })()
      .catch((error: unknown) => this.logger.error({ err: error }, 'working the mail queue failed'))
      .finally(() => {
        this.draining = null;
      });
    return this.draining;
  }

  private kick(): void {
    if (!this.stopped) void this.drain();
  }

  private async sendDue(): Promise<void> {
    if (Date.now() - this.claimsPrunedAt > CLAIM_PRUNE_EVERY_MS) {
      this.claimsPrunedAt = Date.now();
      await this.claims.deleteOlderThan(new Date(Date.now() - CLAIM_HISTORY_MS));
      await this.jobs.deleteFinishedBefore(new Date(Date.now() - FINISHED_MAIL_KEPT_MS));
    }
    for (;;) {
      const due = await this.jobs.due(new Date(), BATCH);
      let claimedAny = false;
      for (const job of due) {
        if (this.stopped) return;
        if (await this.claims.claim(job.id, job.attempts, this.worker, new Date())) {
          claimedAny = true;
          await this.attempt(job);
        } else {
          await this.recoverIfAbandoned(job);
        }
      }
      if (due.length < BATCH || !claimedAny) return;
    }
  }

  private async attempt(job: MailJobRecord): Promise<void> {
    const attempts = job.attempts + 1;
    try {
      await this.transport.deliver({
        from: this.config.mail.from,
        to: job.to,
        subject: job.subject,
        html: job.html,
        text: job.text,
        headers: job.headers,
        messageId: `<${job.key.replace(/[^\w.-]/g, '_')}.${job.id}@plenary>`,
      });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      if ((error instanceof MailDeliveryError && error.permanent) || attempts >= this.config.mail.maxAttempts) {
        await this.jobs.markFailed(job.id, attempts, reason);
        this.logger.error({ mail: job.id, template: job.template, attempts, reason }, 'a mail was given up');
        return;
      }
      const waitSeconds = Math.min(this.config.mail.retrySeconds * 2 ** job.attempts, LONGEST_WAIT_S);
      await this.jobs.retryLater(job.id, job.attempts, new Date(Date.now() + waitSeconds * 1000), reason);
      this.logger.warn(
        { mail: job.id, template: job.template, attempts, waitSeconds, reason },
        'a mail will be retried',
      );
      return;
    }
    await this.jobs.markSent(job.id, attempts, new Date());
  }

  /** A worker that claimed this attempt and died before finishing it: the attempt counts as failed. */
  private async recoverIfAbandoned(job: MailJobRecord): Promise<void> {
    const claim = await this.claims.find(job.id, job.attempts);
    if (claim && Date.now() - claim.claimedAt.getTime() > CLAIM_LEASE_MS) {
      await this.jobs.retryLater(job.id, job.attempts, new Date(), 'the worker sending it stopped');
    }
  }
}
