import { Injectable } from '@nestjs/common';
import { ApiError, DomainEvents } from '@plenary/core';
import { CredentialsRepository } from '../credentials/credentials.repository.js';
import { PasswordHasher } from '../credentials/password-hasher.js';
import { PasswordSignInPolicy } from '../credentials/password-sign-in-policy.js';
import { LoginThrottleService } from '../throttling/login-throttle.service.js';
import { type TokenPair, TokenService } from '../tokens/token.service.js';
import { toPrincipal } from '../users/to-principal.js';
import type { UserRecord } from '../users/user.schema.js';
import { UsersRepository } from '../users/users.repository.js';
import { UsersService } from '../users/users.service.js';
import { AccountSignedOutEverywhere } from '../users/account.events.js';
import { EmailVerificationService } from '../verification/email-verification.service.js';
import type { AuthResponse, LogoutDto, RegisterDto } from './dto/auth.dto.js';
import type { Principal } from './principal.js';

/** An id no account has: an unknown email's credentials are looked up too, and found missing. */
const NO_ACCOUNT = '000000000000000000000000';

@Injectable()
export class AuthService {
  constructor(
    private readonly usersService: UsersService,
    private readonly users: UsersRepository,
    private readonly credentials: CredentialsRepository,
    private readonly hasher: PasswordHasher,
    private readonly throttle: LoginThrottleService,
    private readonly tokens: TokenService,
    private readonly events: DomainEvents,
    private readonly passwordPolicy: PasswordSignInPolicy,
    private readonly verification: EmailVerificationService,
  ) {}

  async register(dto: RegisterDto): Promise<AuthResponse> {
    await this.passwordPolicy.assertAllows(dto.email, 'email');
    const user = await this.usersService.createWithPassword(dto.email, dto.password, dto.displayName, dto.locale);
    await this.verification.welcome(user);
    return this.respond(user, await this.tokens.issueForNewSignIn(user));
  }

  /**
   * passport-local's check. The attempt is reserved with the throttle before anything is looked
   * up; an unknown email and a wrong password get the same answer after the same work (the same
   * database reads, one argon2 verification), so timing does not tell whether an account exists.
   */
  async verifyCredentials(email: string, password: string, ip: string): Promise<UserRecord> {
    // About the address's domain, not the account: answering before any lookup tells nothing.
    await this.passwordPolicy.assertAllows(email);
    const reservation = await this.throttle.reserve(email, ip);
    let user: UserRecord | null;
    let verified: boolean;
    try {
      user = await this.users.findByEmail(email);
      const hash = await this.credentials.findPasswordHash(user?.id ?? NO_ACCOUNT);
      verified = await this.hasher.verify(hash, password);
    } catch (error) {
      await this.throttle.release(reservation);
      throw error;
    }
    if (!user || !verified) {
      await this.throttle.failed(reservation);
      throw ApiError.unauthorized('Email or password is incorrect');
    }
    await this.throttle.succeeded(reservation);
    const current = await this.usersService.current(user);
    if (current.status !== 'active') throw ApiError.forbidden('This account is suspended');
    return current;
  }

  async login(user: UserRecord): Promise<AuthResponse> {
    return this.respond(user, await this.tokens.issueForNewSignIn(user));
  }

  async refresh(refreshToken: string): Promise<AuthResponse> {
    const { user, tokens } = await this.tokens.rotate(refreshToken);
    return this.respond(user, tokens);
  }

  async logout(principal: Principal, dto: LogoutDto): Promise<void> {
    if (dto.everywhere) {
      await this.tokens.revokeAllForUser(principal.id);
      await this.events.publish(AccountSignedOutEverywhere, { userId: principal.id });
      return;
    }
    await this.tokens.revokeFamilyOf(dto.refreshToken as string, principal.id);
  }

  private async respond(user: UserRecord, tokens: TokenPair): Promise<AuthResponse> {
    return { user: await this.usersService.getSelf(toPrincipal(user)), ...tokens };
  }
}
