import { describe, expect, it } from '@jest/globals';
import { AppConfig, ConfigError, durationToSeconds } from './app-config.js';

function problemsOf(variables: Record<string, string>): string[] {
  try {
    AppConfig.fromEnvironment(variables);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('AppConfig.fromEnvironment', () => {
  it('starts from defaults that run locally with no variables at all', () => {
    const config = AppConfig.fromEnvironment({});
    expect(config.port).toBe(3000);
    expect(config.host).toBe('0.0.0.0');
    expect(config.mongodbUri).toBeUndefined();
    expect(config.redisUrl).toBeUndefined();
    expect(config.jwt.accessTtlSeconds).toBe(900);
    expect(config.jwt.refreshTtlSeconds).toBe(30 * 86400);
    expect(config.jwt.ephemeralSecrets).toBe(true);
    expect(config.jwt.accessSecret).not.toBe(config.jwt.refreshSecret);
    expect(config.corsOrigins).toEqual([]);
    expect(config.admin).toBeUndefined();
    expect(config.trustProxy).toBe(false);
  });

  it('reads every variable it is given', () => {
    const config = AppConfig.fromEnvironment({
      NODE_ENV: 'production',
      PORT: '8080',
      MONGODB_URI: 'mongodb://db:27017/plenary',
      REDIS_URL: 'redis://cache:6379',
      JWT_ACCESS_SECRET: 'a'.repeat(32),
      JWT_REFRESH_SECRET: 'b'.repeat(32),
      JWT_ACCESS_TTL: '5m',
      JWT_REFRESH_TTL: '7d',
      CORS_ORIGINS: 'https://plenary.example, https://admin.plenary.example',
      ADMIN_EMAIL: 'root@plenary.example',
      ADMIN_PASSWORD: 'long-enough-1',
      TRUST_PROXY: '2',
    });
    expect(config.isProduction).toBe(true);
    expect(config.port).toBe(8080);
    expect(config.jwt).toMatchObject({ accessTtlSeconds: 300, refreshTtlSeconds: 604800, ephemeralSecrets: false });
    expect(config.corsOrigins).toEqual(['https://plenary.example', 'https://admin.plenary.example']);
    expect(config.admin).toEqual({
      email: 'root@plenary.example',
      password: 'long-enough-1',
      displayName: 'Administrator',
    });
    expect(config.trustProxy).toBe(2);
  });

  it('names each bad variable and what is wrong with it', () => {
    const problems = problemsOf({
      PORT: 'eighty',
      MONGODB_URI: 'http://db',
      REDIS_URL: 'localhost:6379',
      JWT_ACCESS_SECRET: 'short',
      JWT_ACCESS_TTL: 'soon',
      LOG_LEVEL: 'chatty',
      CORS_ORIGINS: 'plenary.example',
    });
    for (const name of [
      'PORT',
      'MONGODB_URI',
      'REDIS_URL',
      'JWT_ACCESS_SECRET',
      'JWT_ACCESS_TTL',
      'LOG_LEVEL',
      'CORS_ORIGINS',
    ]) {
      expect(problems.some((problem) => problem.startsWith(`${name}:`))).toBe(true);
    }
  });

  it('requires real secrets in production, distinct ones, and admin email with password', () => {
    expect(problemsOf({ NODE_ENV: 'production' })).toEqual([
      'JWT_ACCESS_SECRET: is required when NODE_ENV=production',
      'JWT_REFRESH_SECRET: is required when NODE_ENV=production',
    ]);
    const same = 'x'.repeat(40);
    expect(problemsOf({ JWT_ACCESS_SECRET: same, JWT_REFRESH_SECRET: same })).toEqual([
      'JWT_REFRESH_SECRET: must differ from JWT_ACCESS_SECRET',
    ]);
    expect(problemsOf({ ADMIN_EMAIL: 'root@plenary.example' })).toEqual([
      'ADMIN_EMAIL / ADMIN_PASSWORD: set both or neither',
    ]);
  });

  it('converts durations to seconds', () => {
    expect(durationToSeconds('45')).toBe(45);
    expect(durationToSeconds('45s')).toBe(45);
    expect(durationToSeconds('15m')).toBe(900);
    expect(durationToSeconds('2h')).toBe(7200);
    expect(durationToSeconds('30d')).toBe(2592000);
  });
});
