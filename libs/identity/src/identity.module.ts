import { Module, type OnModuleInit } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { MongooseModule } from '@nestjs/mongoose';
import { ThrottlerModule } from '@nestjs/throttler';
import { AppConfig } from '@plenary/core';
import { RedisConnection, RedisModule } from '@plenary/database';
import { MailModule } from '@plenary/mail';
import { AccessService } from './access/access.service.js';
import { AppPassport } from './access/app-passport.js';
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
import { PasswordSignInPolicy } from './credentials/password-sign-in-policy.js';
import { identityAccess, platformAdminAccess } from './identity.access.js';
import { MemoryThrottlerStorage } from './limits/memory-throttler.storage.js';
import { RedisThrottlerStorage } from './limits/redis-throttler.storage.js';
import { requestLimits } from './limits/request-limits.js';
import { RequestLimitsGuard } from './limits/request-limits.guard.js';
import { SsoController } from './sso/sso.controller.js';
import { OidcClients } from './sso/oidc-clients.js';
import { SsoAccounts } from './sso/sso-accounts.js';
import {
  SsoAttempt,
  SsoAttemptSchema,
  SsoLinkRequest,
  SsoLinkRequestSchema,
  SsoSignInCode,
  SsoSignInCodeSchema,
} from './sso/sso-flow.schema.js';
import {
  SsoAttemptsRepository,
  SsoLinkRequestsRepository,
  SsoSignInCodesRepository,
} from './sso/sso-flows.repository.js';
import { SsoIdentity, SsoIdentitySchema } from './sso/sso-identity.schema.js';
import { SsoIdentitiesRepository } from './sso/sso-identities.repository.js';
import {
  SsoProvider,
  SsoProviderSchema,
  SsoProviderSecret,
  SsoProviderSecretSchema,
} from './sso/sso-provider.schema.js';
import { SsoProvidersController } from './sso/sso-providers.controller.js';
import { SsoProviderSecretsRepository, SsoProvidersRepository } from './sso/sso-providers.repository.js';
import { SsoProvidersService } from './sso/sso-providers.service.js';
import { SsoSignInService } from './sso/sso-sign-in.service.js';
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
import { AccountSecurityNotices } from './verification/account-security-notices.js';
import {
  AccountToken,
  AccountTokenSchema,
  AccountTokenUse,
  AccountTokenUseSchema,
} from './verification/account-token.schema.js';
import { AccountTokens } from './verification/account-tokens.js';
import { AccountTokensRepository, AccountTokenUsesRepository } from './verification/account-tokens.repository.js';
import { EmailChangeController } from './verification/email-change.controller.js';
import { EmailChangeService } from './verification/email-change.service.js';
import { EmailVerificationController } from './verification/email-verification.controller.js';
import { EmailVerificationGuard } from './verification/email-verification.guard.js';
import { EmailVerificationService } from './verification/email-verification.service.js';
import { MailBudget } from './verification/mail-budget.js';
import { AccountMailSend, AccountMailSendSchema } from './verification/mail-send.schema.js';
import { MailSendsRepository } from './verification/mail-sends.repository.js';
import { PasswordResetController } from './verification/password-reset.controller.js';
import { PasswordResetService } from './verification/password-reset.service.js';

/**
 * Users, credentials, tokens, sign-in, the data rights of account holders, the access component
 * every other context uses, and the request limits every route is subject to. Account changes go out as domain events (users/account.events.ts).
 */
@Module({
  imports: [
    JwtModule.register({}),
    MailModule,
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
      { name: SsoProvider.name, schema: SsoProviderSchema },
      { name: SsoProviderSecret.name, schema: SsoProviderSecretSchema },
      { name: SsoIdentity.name, schema: SsoIdentitySchema },
      { name: SsoAttempt.name, schema: SsoAttemptSchema },
      { name: SsoSignInCode.name, schema: SsoSignInCodeSchema },
      { name: SsoLinkRequest.name, schema: SsoLinkRequestSchema },
      { name: AccountToken.name, schema: AccountTokenSchema },
      { name: AccountTokenUse.name, schema: AccountTokenUseSchema },
      { name: AccountMailSend.name, schema: AccountMailSendSchema },
    ]),
  ],
  controllers: [
    AuthController,
    UsersController,
    AccountsController,
    EmailVerificationController,
    PasswordResetController,
    EmailChangeController,
    SsoProvidersController,
    SsoController,
  ],
  providers: [
    AccessService,
    AppPassport,
    AccountParticipants,
    AccountSecurityNotices,
    AccountTokens,
    AccountTokensRepository,
    AccountTokenUsesRepository,
    AccountsService,
    AdminSeeder,
    AuthService,
    CredentialsRepository,
    EmailChangeService,
    EmailVerificationService,
    GuestTokens,
    JwtKeys,
    JwtStrategy,
    KnownAddressesRepository,
    LocalStrategy,
    LoginThrottleService,
    LoginThrottlesRepository,
    MailBudget,
    MailSendsRepository,
    OidcClients,
    PasswordHasher,
    PasswordResetService,
    PasswordSignInPolicy,
    RefreshTokensRepository,
    SsoAccounts,
    SsoAttemptsRepository,
    SsoIdentitiesRepository,
    SsoLinkRequestsRepository,
    SsoProviderSecretsRepository,
    SsoProvidersRepository,
    SsoProvidersService,
    SsoSignInCodesRepository,
    SsoSignInService,
    TokenService,
    UsersRepository,
    UsersService,
    // In this order: the email check and request limits need to know who the caller is.
    { provide: APP_GUARD, useClass: AuthenticationGuard },
    { provide: APP_GUARD, useClass: EmailVerificationGuard },
    { provide: APP_GUARD, useClass: RequestLimitsGuard },
  ],
  exports: [AccessService, AccountParticipants, AccountSecurityNotices, GuestTokens, TokenService, UsersService],
})
export class IdentityModule implements OnModuleInit {
  constructor(private readonly access: AccessService) {}

  onModuleInit(): void {
    this.access.register(identityAccess);
    this.access.register(platformAdminAccess, { outranking: true });
  }
}
