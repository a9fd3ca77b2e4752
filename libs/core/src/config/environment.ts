import { Transform } from 'class-transformer';
import { IsEmail, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const DURATION = /^\d+(s|m|h|d)?$/;
const DURATION_PROBLEM = 'must be a duration such as 900, 900s, 15m, 12h or 30d';
const emptyToUndefined = ({ value }: { value: unknown }) => (value === '' ? undefined : value);

/** The environment variables Plenary reads, as they must look. Names match the variables. */
export class Environment {
  @IsOptional()
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @Transform(({ value }) => (value === undefined || value === '' ? 3000 : Number(value)))
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsOptional()
  @IsString()
  HOST = '0.0.0.0';

  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^mongodb(\+srv)?:\/\/\S+$/, { message: 'must be a mongodb:// or mongodb+srv:// URI' })
  MONGODB_URI?: string;

  @IsOptional()
  @IsString()
  @MinLength(1)
  DATA_DIR = '.data';

  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^rediss?:\/\/\S+$/, { message: 'must be a redis:// or rediss:// URL' })
  REDIS_URL?: string;

  /** The built web client's folder (default: dist/web beside the server). */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  @MinLength(1)
  WEB_CLIENT_DIR?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  @MinLength(32)
  JWT_ACCESS_SECRET?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  @MinLength(32)
  JWT_REFRESH_SECRET?: string;

  @IsOptional()
  @Matches(DURATION, { message: DURATION_PROBLEM })
  JWT_ACCESS_TTL = '15m';

  @IsOptional()
  @Matches(DURATION, { message: DURATION_PROBLEM })
  JWT_REFRESH_TTL = '30d';

  @IsOptional()
  @Matches(/^(\*|(https?:\/\/[^\s,]+)(\s*,\s*https?:\/\/[^\s,]+)*)?$/, {
    message: 'must be * or a comma-separated list of http(s) origins',
  })
  CORS_ORIGINS = '';

  @IsOptional()
  @IsIn(LOG_LEVELS)
  LOG_LEVEL: LogLevel = 'info';

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsEmail()
  ADMIN_EMAIL?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  @MinLength(10)
  @MaxLength(200)
  ADMIN_PASSWORD?: string;

  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(80)
  ADMIN_DISPLAY_NAME = 'Administrator';

  @IsOptional()
  @Matches(/^(true|false|\d+)$/, { message: 'must be true, false or a number of proxy hops' })
  TRUST_PROXY = 'false';

  @Transform(({ value }) => (value === undefined || value === '' ? 3 : Number(value)))
  @IsInt()
  @Min(0)
  @Max(100)
  LOGIN_FREE_ATTEMPTS = 3;

  @Transform(({ value }) => (value === undefined || value === '' ? 10 : Number(value)))
  @IsInt()
  @Min(1)
  @Max(1000)
  LOGIN_LOCK_AFTER = 10;

  @Transform(({ value }) => (value === undefined || value === '' ? 900 : Number(value)))
  @IsInt()
  @Min(1)
  @Max(86400)
  LOGIN_LOCK_SECONDS = 900;

  @Transform(({ value }) => (value === undefined || value === '' ? 20 : Number(value)))
  @IsInt()
  @Min(0)
  @Max(100000)
  LOGIN_IP_FREE_ATTEMPTS = 20;

  @Transform(({ value }) => (value === undefined || value === '' ? 50 : Number(value)))
  @IsInt()
  @Min(1)
  @Max(100000)
  LOGIN_IP_LOCK_AFTER = 50;

  @Transform(({ value }) => (value === undefined || value === '' ? 10 : Number(value)))
  @IsInt()
  @Min(1)
  @Max(100000)
  LOGIN_ACCOUNT_MAX_ADDRESSES = 10;

  @Transform(({ value }) => (value === undefined || value === '' ? 30 : Number(value)))
  @IsInt()
  @Min(1)
  @Max(10_000_000)
  LIMIT_REGISTER_PER_HOUR = 30;

  @Transform(({ value }) => (value === undefined || value === '' ? 300 : Number(value)))
  @IsInt()
  @Min(1)
  @Max(10_000_000)
  LIMIT_PUBLIC_READS_PER_MINUTE = 300;

  @Transform(({ value }) => (value === undefined || value === '' ? 120 : Number(value)))
  @IsInt()
  @Min(1)
  @Max(10_000_000)
  LIMIT_GUEST_JOINS_PER_MINUTE = 120;

  @Transform(({ value }) => (value === undefined || value === '' ? 60 : Number(value)))
  @IsInt()
  @Min(1)
  @Max(10_000_000)
  LIMIT_WRITES_PER_MINUTE = 60;

  @Transform(({ value }) => (value === undefined || value === '' ? 24 : Number(value)))
  @IsInt()
  @Min(0)
  @Max(8760)
  NEW_ACCOUNT_HOURS = 24;

  @Transform(({ value }) => (value === undefined || value === '' ? 3 : Number(value)))
  @IsInt()
  @Min(1)
  @Max(10_000_000)
  NEW_ACCOUNT_THREADS_PER_HOUR = 3;

  @Transform(({ value }) => (value === undefined || value === '' ? 20 : Number(value)))
  @IsInt()
  @Min(1)
  @Max(10_000_000)
  NEW_ACCOUNT_POSTS_PER_HOUR = 20;

  @Transform(({ value }) => (value === undefined || value === '' ? 4 : Number(value)))
  @IsInt()
  @Min(1)
  @Max(256)
  PASSWORD_HASH_CONCURRENCY = 4;

  @Transform(({ value }) => (value === undefined || value === '' ? 3 : Number(value)))
  @IsInt()
  @Min(1)
  @Max(100)
  FLAGS_TO_HIDE = 3;

  /** The largest upload accepted (bytes); larger ones are refused with 413. */
  @Transform(({ value }) => (value === undefined || value === '' ? 26_214_400 : Number(value)))
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  UPLOAD_MAX_BYTES = 26_214_400;

  /** The address members reach Plenary at: links in mails and single sign-on redirects start with it. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^https?:\/\/[^\s/]+(\/[^\s]*)?$/, { message: 'must be an http(s) URL such as https://plenary.example.org' })
  PUBLIC_URL?: string;

  /** The platform's name in mails. */
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(80)
  PLATFORM_NAME = 'Plenary';

  /** Where mail goes out (smtp:// or smtps://, with user and password in it); unset: mails are logged and written to MAIL_DIR. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^smtps?:\/\/\S+$/, { message: 'must be an smtp:// or smtps:// URL' })
  SMTP_URL?: string;

  @IsOptional()
  @IsString()
  @MinLength(3)
  @MaxLength(200)
  MAIL_FROM = 'Plenary <no-reply@plenary.localhost>';

  /** Where mails are written when there is no SMTP_URL (default: DATA_DIR/mail). */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  @MinLength(1)
  MAIL_DIR?: string;

  /** The first retry of a mail the SMTP server refused or could not take, in seconds; each next one waits twice as long (at most an hour). */
  @Transform(({ value }) => (value === undefined || value === '' ? 30 : Number(value)))
  @IsInt()
  @Min(1)
  @Max(3600)
  MAIL_RETRY_SECONDS = 30;

  /** Attempts before a mail is given up (and logged as an error). */
  @Transform(({ value }) => (value === undefined || value === '' ? 20 : Number(value)))
  @IsInt()
  @Min(1)
  @Max(100)
  MAIL_MAX_ATTEMPTS = 20;

  /** How often each instance looks for mail due (ms); a mail queued on an instance is sent at once anyway. */
  @Transform(({ value }) => (value === undefined || value === '' ? 5000 : Number(value)))
  @IsInt()
  @Min(50)
  @Max(600_000)
  MAIL_POLL_MS = 5000;

  /** When true, accounts that have not verified their email can read but not post. */
  @IsOptional()
  @IsIn(['true', 'false'])
  REQUIRE_EMAIL_VERIFICATION: 'true' | 'false' = 'false';
}
