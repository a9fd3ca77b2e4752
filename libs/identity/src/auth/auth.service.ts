import { Injectable } from '@nestjs/common';
import { ApiError, DomainEvents } from '@plenary/core';
import { CredentialsRepository } from '../credentials/credentials.repository.js';
import { PasswordHasher } from '../credentials/password-hasher.js';
import { LoginThrottleService } from '../throttling/login-throttle.service.js';
import { type TokenPair, TokenService, toPrincipal } from '../tokens/token.service.js';
import type { UserRecord } from '../users/user.schema.js';
import { UsersRepository } from '../users/users.repository.js';
import { UsersService } from '../users/users.service.js';
import { AccountSignedOutEverywhere } from '../users/account.events.js';
import type { AuthResponse, LogoutDto, RegisterDto } from './dto/auth.dto.js';
import type { Principal } from './principal.js';

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
  ) {}

  async register(dto: RegisterDto): Promise<AuthResponse> {
    const user = await this.usersService.createWithPassword(dto.email, dto.password, dto.displayName);
    return this.respond(user, await this.tokens.issueForNewSignIn(user));
  }

  /** passport-local's check: throttled, same answer and timing for unknown email and wrong password. */
  async verifyCredentials(email: string, password: string, ip: string): Promise<UserRecord> {
    await this.throttle.assertMayAttempt(email, ip);
    const user = await this.users.findByEmail(email);
    const hash = user ? await this.credentials.findPasswordHash(user.id) : null;
    if (!user || !(await this.hasher.verify(hash, password))) {
      await this.throttle.recordFailure(email, ip);
      throw ApiError.unauthorized('Email or password is incorrect');
    }
    await this.throttle.clearAccount(email);
    if (user.status !== 'active') throw ApiError.forbidden('This account is suspended');
    return user;
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
