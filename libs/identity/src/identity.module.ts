import { Module, type OnModuleInit } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { MongooseModule } from '@nestjs/mongoose';
import { PassportModule } from '@nestjs/passport';
import { ThrottlerModule } from '@nestjs/throttler';
import { AppConfig } from '@plenary/core';
import { RedisConnection, RedisModule } from '@plenary/database';
import { AccessService } from './access/access.service.js';
import { AuthenticationGuard } from './access/authentication.guard.js';
import { AccountsController } from './accounts/accounts.controller.js';
import { AccountsService } from './accounts/accounts.service.js';
import { AuthController } from './auth/auth.controller.js';
import { AuthService } from './auth/auth.service.js';
import { JwtStrategy } from './auth/jwt.strategy.js';
import { LocalStrategy } from './auth/local.strategy.js';
import { CredentialSchema, Credential } from './credentials/credential.schema.js';
import { CredentialsRepository } from './credentials/credentials.repository.js';
import { GuestTokens } from './guests/guest-tokens.js';
import { PasswordHasher } from './credentials/password-hasher.js';
import { identityAccess, platformAdminAccess } from './identity.access.js';
import { MemoryThrottlerStorage } from './limits/memory-throttler.storage.js';
import { RedisThrottlerStorage } from './limits/redis-throttler.storage.js';
import { requestLimits } from './limits/request-limits.js';
import { RequestLimitsGuard } from './limits/request-limits.guard.js';
import {
  KnownAddress,
  KnownAddressSchema,
  LoginThrottle,
  LoginThrottleSchema,
} from './throttling/login-throttle.schema.js';
import { LoginThrottleService } from './throttling/login-throttle.service.js';
import { KnownAddressesRepository, LoginThrottlesRepository } from './throttling/login-throttles.repository.js';
import { RefreshToken, RefreshTokenSchema } from './tokens/refresh-token.schema.js';
import { RefreshTokensRepository } from './tokens/refresh-tokens.repository.js';
import { JwtKeys } from './tokens/jwt-keys.js';
import { TokenService } from './tokens/token.service.js';
import { AccountParticipants } from './users/account-participants.js';
import { AdminSeeder } from './users/admin-seeder.js';
import { User, UserSchema } from './users/user.schema.js';
import { UsersController } from './users/users.controller.js';
import { UsersRepository } from './users/users.repository.js';
import { UsersService } from './users/users.service.js';

/**
 * Users, credentials, tokens, sign-in, the data rights of account holders, the access component
 * every other context uses, and the request limits every route is subject to. Account changes go out as domain events (users/account.events.ts).
 */
@Module({
  imports: [
    PassportModule,
    JwtModule.register({}),
    ThrottlerModule.forRootAsync({
      imports: [RedisModule],
      inject: [AppConfig, RedisConnection],
      useFactory: (config: AppConfig, redis: RedisConnection) =>
        requestLimits(config, redis.client ? new RedisThrottlerStorage(redis.client) : new MemoryThrottlerStorage()),
    }),
    MongooseModule.forFeature([
      { name: User.name, schema: UserSchema },
      { name: Credential.name, schema: CredentialSchema },
      { name: RefreshToken.name, schema: RefreshTokenSchema },
      { name: LoginThrottle.name, schema: LoginThrottleSchema },
      { name: KnownAddress.name, schema: KnownAddressSchema },
    ]),
  ],
  controllers: [AuthController, UsersController, AccountsController],
  providers: [
    AccessService,
    AccountParticipants,
    AccountsService,
    AdminSeeder,
    AuthService,
    CredentialsRepository,
    GuestTokens,
    JwtKeys,
    JwtStrategy,
    KnownAddressesRepository,
    LocalStrategy,
    LoginThrottleService,
    LoginThrottlesRepository,
    PasswordHasher,
    RefreshTokensRepository,
    TokenService,
    UsersRepository,
    UsersService,
    // In this order: request limits need to know who the caller is.
    { provide: APP_GUARD, useClass: AuthenticationGuard },
    { provide: APP_GUARD, useClass: RequestLimitsGuard },
  ],
  exports: [AccessService, AccountParticipants, GuestTokens, TokenService, UsersService],
})
export class IdentityModule implements OnModuleInit {
  constructor(private readonly access: AccessService) {}

  onModuleInit(): void {
    this.access.register(identityAccess);
    this.access.register(platformAdminAccess, { outranking: true });
  }
}
