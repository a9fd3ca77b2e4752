import { existsSync } from 'node:fs';
import { AppConfig, ConfigError } from '@plenary/core';

/** EX_CONFIG from sysexits.h: the process refused to start on a bad configuration. */
export const EXIT_BAD_CONFIG = 78;

/** Loads `.env` (when present; set variables win) into the environment. */
export function loadEnvFile(): void {
  if (existsSync('.env')) process.loadEnvFile('.env');
}

/** The validated configuration; on a bad value prints every problem and exits with 78. */
export function loadConfigOrExit(): AppConfig {
  loadEnvFile();
  try {
    return AppConfig.fromEnvironment(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(EXIT_BAD_CONFIG);
  }
}
