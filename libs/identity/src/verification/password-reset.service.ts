import { Injectable, Logger } from '@nestjs/common';
import { DomainEvents } from '@plenary/core';
import { Mailer } from '@plenary/mail';
import { CredentialsRepository } from '../credentials/credentials.repository.js';
import { PasswordHasher } from '../credentials/password-hasher.js';
import { PasswordSignInPolicy } from '../credentials/password-sign-in-policy.js';
import { TokenService } from '../tokens/token.service.js';
import { AccountSignedOutEverywhere } from '../users/account.events.js';
import { normalizeEmail, type UserRecord } from '../users/user.schema.js';
import { UsersRepository } from '../users/users.repository.js';
import { UsersService } from '../users/users.service.js';
import { AccountSecurityNotices } from './account-security-notices.js';
import { AccountTokens, invalidToken, TOKEN_LIFETIME_MS } from './account-tokens.js';
import { passwordChangedMail, passwordResetMail } from './account.mails.js';
import { HOUR_MS, MINUTE_MS } from './durations.js';
import { MailBudget } from './mail-budget.js';

/** Past this, more requests for the account still get their 202 but mail nothing. */
const RESET_MAILS = [{ mails: 3, withinMs: HOUR_MS }];

/** A member who forgot their password chooses a new one through a link mailed to their address. */
@Injectable()
export class PasswordResetService {
  private readonly logger = new Logger(PasswordResetService.name);

  constructor(
    private readonly users: UsersRepository,
    private readonly usersService: UsersService,
    private readonly credentials: CredentialsRepository,
    private readonly hasher: PasswordHasher,
    private readonly tokenService: TokenService,
    private readonly tokens: AccountTokens,
    private readonly budget: MailBudget,
    private readonly mailer: Mailer,
    private readonly notices: AccountSecurityNotices,
    private readonly events: DomainEvents,
    private readonly passwordPolicy: PasswordSignInPolicy,
  ) {}

  /**
   * Mails a link when an account has the address. The answer does not wait for that work, so a
   * known and an unknown address take the same time to answer, and nothing tells them apart.
   */
  async request(email: string): Promise<void> {
    const user = await this.users.findByEmail(email);
    // An address whose organisation signs in through its own provider has no password to reset.
    if (!user || !(await this.passwordPolicy.allows(email))) return;
    void this.mailLink(user).catch((error: unknown) =>
      this.logger.error({ err: error, userId: user.id }, 'Could not mail a password-reset link'),
    );
  }

  /**
   * Sets the new password and ends every sign-in of the account. The link was mailed to the
   * address, so following it verifies the address too.
   */
  async confirm(token: string, password: string): Promise<void> {
    const record = await this.tokens.find(token, ['reset_password']);
    const user = await this.users.findById(record.userId);
    if (!user || normalizeEmail(record.email) !== user.emailNormalized) throw invalidToken();
    await this.passwordPolicy.assertAllows(user.email);
    const passwordHash = await this.hasher.hash(password);
    await this.tokens.spend(record);
    await this.credentials.setPasswordHash(user.id, passwordHash);
    await this.tokens.voidFor(user.id, ['reset_password']);
    await this.tokenService.revokeAllForUser(user.id);
    await this.events.publish(AccountSignedOutEverywhere, { userId: user.id });
    await this.usersService.markEmailVerified(user.id, user.email);
    await this.notices.audit(user.id, 'account.password_reset', {}, {});
    await this.mailer.send({
      to: user.email,
      locale: user.locale,
      template: passwordChangedMail,
      data: { displayName: user.displayName, forgotUrl: this.notices.forgotUrl() },
    });
  }

  private async mailLink(user: UserRecord): Promise<void> {
    if ((await this.budget.spend(user.id, 'reset_password', RESET_MAILS)) > 0) return;
    const token = await this.tokens.issue('reset_password', user.id, user.email, { voidPrevious: true });
    await this.mailer.send({
      to: user.email,
      locale: user.locale,
      template: passwordResetMail,
      data: {
        displayName: user.displayName,
        url: this.mailer.link('/reset-password', { token }),
        minutes: TOKEN_LIFETIME_MS.reset_password / MINUTE_MS,
      },
    });
  }
}
