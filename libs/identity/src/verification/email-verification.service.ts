import { Injectable, Logger } from '@nestjs/common';
import { ApiError } from '@plenary/core';
import { Mailer } from '@plenary/mail';
import type { Principal } from '../auth/principal.js';
import type { UserRecord } from '../users/user.schema.js';
import { UsersRepository } from '../users/users.repository.js';
import { UsersService } from '../users/users.service.js';
import { AccountTokens, invalidToken, TOKEN_LIFETIME_MS } from './account-tokens.js';
import { verifyEmailMail } from './account.mails.js';
import type { VerifiedEmailView } from './dto/verification.dto.js';
import { EmailChangeService } from './email-change.service.js';
import { DAY_MS, HOUR_MS, MINUTE_MS } from './durations.js';
import { MailBudget } from './mail-budget.js';

/** The mail at registration counts too: asking again at once waits a minute. */
const VERIFICATION_MAILS = [
  { mails: 1, withinMs: MINUTE_MS },
  { mails: 5, withinMs: DAY_MS },
];

/** A member proves they read mail at their address by following a link mailed there. */
@Injectable()
export class EmailVerificationService {
  private readonly logger = new Logger(EmailVerificationService.name);

  constructor(
    private readonly users: UsersRepository,
    private readonly usersService: UsersService,
    private readonly tokens: AccountTokens,
    private readonly budget: MailBudget,
    private readonly mailer: Mailer,
    private readonly emailChanges: EmailChangeService,
  ) {}

  /** The first link, at registration. The account exists by now: a failure here is logged, and the member can ask again. */
  async welcome(user: UserRecord): Promise<void> {
    try {
      await this.budget.spend(user.id, 'verify_email', VERIFICATION_MAILS);
      await this.mail(user);
    } catch (error) {
      this.logger.error({ err: error, userId: user.id }, 'Could not mail the verification link of a new account');
    }
  }

  /** Another link; nothing to do when the address is verified already. 429 past the budget. */
  async resend(principal: Principal): Promise<void> {
    const user = await this.users.findById(principal.id);
    if (!user) throw ApiError.notFound('User');
    if (user.emailVerifiedAt) return;
    const waitSeconds = await this.budget.spend(user.id, 'verify_email', VERIFICATION_MAILS);
    if (waitSeconds > 0) throw ApiError.tooManyRequests('A verification mail was sent recently', waitSeconds);
    await this.mail(user);
  }

  /** Follows a mailed link: the account's address is verified, or, for an address change, the account moves to the new one. */
  async verify(token: string): Promise<VerifiedEmailView> {
    const record = await this.tokens.use(token, ['verify_email', 'change_email']);
    if (record.purpose === 'change_email') return this.emailChanges.complete(record);
    // A link mailed to an address the account has left since proves nothing about the account.
    if (!(await this.usersService.markEmailVerified(record.userId, record.email))) throw invalidToken();
    await this.tokens.voidFor(record.userId, ['verify_email']);
    return { email: record.email, verified: true };
  }

  private async mail(user: UserRecord): Promise<void> {
    const token = await this.tokens.issue('verify_email', user.id, user.email, { voidPrevious: false });
    await this.mailer.send({
      to: user.email,
      locale: user.locale,
      template: verifyEmailMail,
      data: {
        displayName: user.displayName,
        url: this.mailer.link('/verify-email', { token }),
        hours: TOKEN_LIFETIME_MS.verify_email / HOUR_MS,
      },
    });
  }
}
