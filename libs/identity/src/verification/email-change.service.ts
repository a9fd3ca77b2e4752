import { Injectable } from '@nestjs/common';
import { ApiError } from '@plenary/core';
import { DuplicateKeyError } from '@plenary/database';
import { Mailer } from '@plenary/mail';
import type { Principal } from '../auth/principal.js';
import { CredentialsRepository } from '../credentials/credentials.repository.js';
import { PasswordHasher } from '../credentials/password-hasher.js';
import { normalizeEmail, type UserRecord } from '../users/user.schema.js';
import { UsersRepository } from '../users/users.repository.js';
import { AccountSecurityNotices, maskEmail } from './account-security-notices.js';
import type { AccountTokenRecord } from './account-token.schema.js';
import { AccountTokens, invalidToken, TOKEN_LIFETIME_MS } from './account-tokens.js';
import { emailChangedMail, emailChangeRequestedMail, emailChangeVerifyMail, emailInUseMail } from './account.mails.js';
import type { EmailChangeDto, VerifiedEmailView } from './dto/verification.dto.js';
import { DAY_MS, HOUR_MS, MINUTE_MS } from './durations.js';
import { MailBudget } from './mail-budget.js';

const CHANGE_MAILS = [
  { mails: 1, withinMs: MINUTE_MS },
  { mails: 5, withinMs: DAY_MS },
];

/**
 * A member moves their account to another address: it takes effect when they follow the link
 * mailed to the new address; the old address is told at both steps.
 */
@Injectable()
export class EmailChangeService {
  constructor(
    private readonly users: UsersRepository,
    private readonly credentials: CredentialsRepository,
    private readonly hasher: PasswordHasher,
    private readonly tokens: AccountTokens,
    private readonly budget: MailBudget,
    private readonly mailer: Mailer,
    private readonly notices: AccountSecurityNotices,
  ) {}

  /**
   * Mails a link to the new address, or, when another account has it, a mail saying so: the
   * caller gets the same answer either way, so it does not tell whose address is registered.
   */
  async request(principal: Principal, dto: EmailChangeDto): Promise<void> {
    const user = await this.users.findById(principal.id);
    if (!user) throw ApiError.notFound('User');
    const passwordHash = await this.credentials.findPasswordHash(user.id);
    if (!(await this.hasher.verify(passwordHash, dto.password))) {
      throw ApiError.invalidField('password', 'is incorrect');
    }
    if (normalizeEmail(dto.email) === user.emailNormalized) {
      throw ApiError.invalidField('email', 'is already the address of this account');
    }
    const waitSeconds = await this.budget.spend(user.id, 'change_email', CHANGE_MAILS);
    if (waitSeconds > 0) throw ApiError.tooManyRequests('An address change was asked for recently', waitSeconds);

    const greeted = { displayName: user.displayName };
    const forgotUrl = this.notices.forgotUrl();
    if (await this.users.findByEmail(dto.email)) {
      await this.mailer.send({
        to: dto.email,
        locale: user.locale,
        template: emailInUseMail,
        data: { ...greeted, email: dto.email, forgotUrl },
      });
    } else {
      const token = await this.tokens.issue('change_email', user.id, dto.email, { voidPrevious: true });
      await this.mailer.send({
        to: dto.email,
        locale: user.locale,
        template: emailChangeVerifyMail,
        data: {
          ...greeted,
          email: dto.email,
          url: this.mailer.link('/verify-email', { token }),
          hours: TOKEN_LIFETIME_MS.change_email / HOUR_MS,
        },
      });
    }
    await this.mailer.send({
      to: user.email,
      locale: user.locale,
      template: emailChangeRequestedMail,
      data: { ...greeted, maskedEmail: maskEmail(dto.email), forgotUrl },
    });
    await this.notices.audit(user.id, 'account.email_change_requested', { email: user.email }, { email: dto.email });
  }

  /** The member followed the link mailed to the new address (the token is spent): the account moves there now. */
  async complete(token: AccountTokenRecord): Promise<VerifiedEmailView> {
    const user = await this.users.findById(token.userId);
    if (!user) throw invalidToken();
    let changed: UserRecord | null;
    try {
      changed = await this.users.changeEmail(user.id, token.email, new Date());
    } catch (error) {
      if (!(error instanceof DuplicateKeyError)) throw error;
      throw ApiError.conflict('Another account took this address in the meantime', [
        { field: 'email', problem: 'is already registered' },
      ]);
    }
    if (!changed) throw invalidToken();
    // Links mailed to the old address must not act on the account any more.
    await this.tokens.voidFor(user.id, ['verify_email', 'change_email', 'reset_password']);
    await this.notices.audit(user.id, 'account.email_changed', { email: user.email }, { email: changed.email });
    await this.mailer.send({
      to: user.email,
      locale: user.locale,
      template: emailChangedMail,
      data: { displayName: user.displayName, maskedEmail: maskEmail(changed.email) },
    });
    return { email: changed.email, verified: true };
  }
}
