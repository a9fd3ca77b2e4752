import { Injectable } from '@nestjs/common';
import { AppConfig } from '@plenary/core';
import type { MailRequest } from './model/mail-template.js';
import { MailQueue } from './queue/mail-queue.js';

/** What other contexts use to send mail: rendered now, stored in the queue, sent off the request path. */
@Injectable()
export class Mailer {
  constructor(
    private readonly queue: MailQueue,
    private readonly config: AppConfig,
  ) {}

  /**
   * Queues the mail in the recipient's language and resolves once it is stored (not sent): an SMTP
   * outage delays it, never loses it. False when a mail with the same `key` was queued before.
   */
  send<Data>(request: MailRequest<Data>): Promise<boolean> {
    return this.queue.enqueue(request);
  }

  /** An address in the web client for a mail's link: `link('/verify-email', { token })`. */
  link(path: string, query: Record<string, string> = {}): string {
    const search = new URLSearchParams(query).toString();
    return `${this.config.accounts.publicUrl}${path}${search ? `?${search}` : ''}`;
  }
}
