import { Injectable } from '@nestjs/common';
import { DomainEvents, ModeratorActed } from '@plenary/core';
import { Mailer } from '@plenary/mail';
import { UsersService } from '../users/users.service.js';
import { ssoLinkedMail } from './account.mails.js';

/**
 * Account-security events: each goes to the audit log (as the member acting on their own account)
 * and, by mail, to the member. Never a password or a token in either.
 */
@Injectable()
export class AccountSecurityNotices {
  constructor(
    private readonly users: UsersService,
    private readonly mailer: Mailer,
    private readonly events: DomainEvents,
  ) {}

  /** For single sign-on: the account was linked to a provider's identity. */
  async notify(userId: string, event: 'sso_linked', details: { provider: string }): Promise<void> {
    const contact = await this.users.contactOf(userId);
    if (!contact) return;
    await this.audit(userId, `account.${event}`, {}, { ...details });
    await this.mailer.send({
      to: contact.email,
      locale: contact.locale,
      template: ssoLinkedMail,
      data: { displayName: contact.displayName, provider: details.provider, forgotUrl: this.forgotUrl() },
    });
  }

  /** An entry in the audit log: the member acted on their own account. */
  async audit(
    userId: string,
    action: `account.${string}`,
    before: Record<string, unknown>,
    after: Record<string, unknown>,
  ): Promise<void> {
    await this.events.publish(ModeratorActed, {
      actorId: userId,
      action,
      target: { type: 'user', id: userId, groupId: null },
      reason: null,
      before,
      after,
    });
  }

  /** The page where a member asks for a password-reset link. */
  forgotUrl(): string {
    return this.mailer.link('/forgot-password');
  }
}

/** n***@example.org: enough for the owner to recognise an address, not to learn one. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  return `${email.slice(0, Math.min(1, at))}***${email.slice(at)}`;
}
