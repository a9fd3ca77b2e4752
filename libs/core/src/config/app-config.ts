import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { Environment, type LogLevel } from './environment.js';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

export interface JwtSettings {
  accessSecret: string;
  refreshSecret: string;
  accessTtlSeconds: number;
  refreshTtlSeconds: number;
  /** True when the secrets were generated for this process because none were configured. */
  ephemeralSecrets: boolean;
}

export interface LoginThrottleSettings {
  freeAttempts: number;
  lockAfter: number;
  lockSeconds: number;
  ipFreeAttempts: number;
  ipLockAfter: number;
  accountMaxAddresses: number;
}

/** Named request budgets (see RequestLimits in identity). */
export interface RequestLimitSettings {
  registerPerHour: number;
  publicReadsPerMinute: number;
  /** Guest tokens for live sessions per address per minute (a venue's attendees share one address). */
  guestJoinsPerMinute: number;
  writesPerMinute: number;
  /** Accounts younger than this have the new-account budgets below. */
  newAccountHours: number;
  newAccountThreadsPerHour: number;
  newAccountPostsPerHour: number;
}

export interface MailSettings {
  /** Unset: mails are logged and written to outboxDir instead of being sent. */
  smtpUrl: string | undefined;
  from: string;
  outboxDir: string;
  retrySeconds: number;
  maxAttempts: number;
  pollMs: number;
}

export interface AccountSettings {
  /** The address members reach Plenary at, without a trailing slash. */
  publicUrl: string;
  platformName: string;
  requireEmailVerification: boolean;
}

export interface AdminSeed {
  email: string;
  password: string;
  displayName: string;
}

/** Plenary's configuration: read once from the environment, validated, then injected everywhere. */
export class AppConfig {
  constructor(
    readonly env: 'development' | 'production' | 'test',
    readonly port: number,
    readonly host: string,
    readonly mongodbUri: string | undefined,
    readonly dataDir: string,
    readonly redisUrl: string | undefined,
    readonly jwt: JwtSettings,
    readonly corsOrigins: string[] | '*',
    readonly logLevel: LogLevel,
    readonly admin: AdminSeed | undefined,
    readonly trustProxy: boolean | number,
    readonly loginThrottle: LoginThrottleSettings,
    readonly limits: RequestLimitSettings,
    /** How many argon2 hashes may run at once (each takes 19 MiB); more wait, a long queue is refused. */
    readonly passwordHashConcurrency: number,
    /** Open flags that hide a post until a moderator reviews it. */
    readonly flagsToHide: number,
    /** Where the built web client is, when not in dist/web beside the server. */
    readonly webClientDir: string | undefined,
    /** The largest upload accepted, in bytes. */
    readonly uploadMaxBytes: number,
    readonly mail: MailSettings,
    readonly accounts: AccountSettings,
  ) {}

  get isProduction(): boolean {
    return this.env === 'production';
  }

  /** Validates the variables and names every one that is wrong; throws ConfigError. */
  static fromEnvironment(variables: NodeJS.ProcessEnv | Record<string, string | undefined>): AppConfig {
    const environment = plainToInstance(Environment, variables, { exposeDefaultValues: true });
    const problems = validateSync(environment, { whitelist: false }).flatMap((error) =>
      Object.values(error.constraints ?? {}).map(
        (text) => `${error.property}: ${text.replace(`${error.property} `, '')}`,
      ),
    );
    problems.push(...crossFieldProblems(environment));
    if (problems.length > 0) throw new ConfigError(problems);

    const ephemeralSecrets = !environment.JWT_ACCESS_SECRET || !environment.JWT_REFRESH_SECRET;
    return new AppConfig(
      environment.NODE_ENV,
      environment.PORT,
      environment.HOST,
      environment.MONGODB_URI,
      environment.DATA_DIR,
      environment.REDIS_URL,
      {
        accessSecret: environment.JWT_ACCESS_SECRET ?? randomSecret(),
        refreshSecret: environment.JWT_REFRESH_SECRET ?? randomSecret(),
        accessTtlSeconds: durationToSeconds(environment.JWT_ACCESS_TTL),
        refreshTtlSeconds: durationToSeconds(environment.JWT_REFRESH_TTL),
        ephemeralSecrets,
      },
      parseOrigins(environment.CORS_ORIGINS),
      environment.LOG_LEVEL,
      environment.ADMIN_EMAIL && environment.ADMIN_PASSWORD
        ? {
            email: environment.ADMIN_EMAIL,
            password: environment.ADMIN_PASSWORD,
            displayName: environment.ADMIN_DISPLAY_NAME,
          }
        : undefined,
      parseTrustProxy(environment.TRUST_PROXY),
      {
        freeAttempts: environment.LOGIN_FREE_ATTEMPTS,
        lockAfter: environment.LOGIN_LOCK_AFTER,
        lockSeconds: environment.LOGIN_LOCK_SECONDS,
        ipFreeAttempts: environment.LOGIN_IP_FREE_ATTEMPTS,
        ipLockAfter: environment.LOGIN_IP_LOCK_AFTER,
        accountMaxAddresses: environment.LOGIN_ACCOUNT_MAX_ADDRESSES,
      },
      {
        registerPerHour: environment.LIMIT_REGISTER_PER_HOUR,
        publicReadsPerMinute: environment.LIMIT_PUBLIC_READS_PER_MINUTE,
        guestJoinsPerMinute: environment.LIMIT_GUEST_JOINS_PER_MINUTE,
        writesPerMinute: environment.LIMIT_WRITES_PER_MINUTE,
        newAccountHours: environment.NEW_ACCOUNT_HOURS,
        newAccountThreadsPerHour: environment.NEW_ACCOUNT_THREADS_PER_HOUR,
        newAccountPostsPerHour: environment.NEW_ACCOUNT_POSTS_PER_HOUR,
      },
      environment.PASSWORD_HASH_CONCURRENCY,
      environment.FLAGS_TO_HIDE,
      environment.WEB_CLIENT_DIR,
      environment.UPLOAD_MAX_BYTES,
      {
        smtpUrl: environment.SMTP_URL,
        from: environment.MAIL_FROM,
        outboxDir: environment.MAIL_DIR ?? join(environment.DATA_DIR, 'mail'),
        retrySeconds: environment.MAIL_RETRY_SECONDS,
        maxAttempts: environment.MAIL_MAX_ATTEMPTS,
        pollMs: environment.MAIL_POLL_MS,
      },
      {
        publicUrl: (environment.PUBLIC_URL ?? `http://localhost:${environment.PORT}`).replace(/\/+$/, ''),
        platformName: environment.PLATFORM_NAME,
        requireEmailVerification: environment.REQUIRE_EMAIL_VERIFICATION === 'true',
      },
    );
  }
}

function crossFieldProblems(environment: Environment): string[] {
  const problems: string[] = [];
  if (environment.NODE_ENV === 'production') {
    for (const name of ['JWT_ACCESS_SECRET', 'JWT_REFRESH_SECRET'] as const) {
      if (!environment[name]) problems.push(`${name}: is required when NODE_ENV=production`);
    }
  }
  if (environment.JWT_ACCESS_SECRET && environment.JWT_ACCESS_SECRET === environment.JWT_REFRESH_SECRET) {
    problems.push('JWT_REFRESH_SECRET: must differ from JWT_ACCESS_SECRET');
  }
  if (Boolean(environment.ADMIN_EMAIL) !== Boolean(environment.ADMIN_PASSWORD)) {
    problems.push('ADMIN_EMAIL / ADMIN_PASSWORD: set both or neither');
  }
  if (environment.LOGIN_FREE_ATTEMPTS >= environment.LOGIN_LOCK_AFTER) {
    problems.push('LOGIN_FREE_ATTEMPTS: must be lower than LOGIN_LOCK_AFTER');
  }
  if (environment.LOGIN_IP_FREE_ATTEMPTS >= environment.LOGIN_IP_LOCK_AFTER) {
    problems.push('LOGIN_IP_FREE_ATTEMPTS: must be lower than LOGIN_IP_LOCK_AFTER');
  }
  return problems;
}

const SECONDS_PER_UNIT: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };

export function durationToSeconds(duration: string): number {
  const match = /^(\d+)(s|m|h|d)?$/.exec(duration);
  if (!match) throw new Error(`not a duration: ${duration}`);
  return Number(match[1]) * SECONDS_PER_UNIT[match[2] ?? 's'];
}

function parseOrigins(value: string): string[] | '*' {
  if (value.trim() === '*') return '*';
  return value
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean);
}

function parseTrustProxy(value: string): boolean | number {
  if (value === 'true') return true;
  if (value === 'false') return false;
  return Number(value);
}

function randomSecret(): string {
  return randomBytes(48).toString('base64url');
}
