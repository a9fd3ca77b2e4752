import { Injectable, Logger, Module, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { AppConfig } from '@plenary/core';
import { createClient } from 'redis';

export type RedisClient = ReturnType<typeof createClient>;

const PING_TIMEOUT_MS = 2_000;

/**
 * The Redis connection when REDIS_URL is set, or none: what several instances share (the Socket.IO
 * adapter, request limits). Connected before the application serves anything.
 */
@Injectable()
export class RedisConnection implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(RedisConnection.name);
  readonly client: RedisClient | undefined;

  constructor(config: AppConfig) {
    if (!config.redisUrl) return;
    this.client = createClient({
      url: config.redisUrl,
      socket: { reconnectStrategy: (retries) => Math.min(100 * 2 ** retries, 5_000) },
    });
    this.client.on('error', (error: Error) => this.logger.warn(`Redis: ${error.message}`));
  }

  get configured(): boolean {
    return this.client !== undefined;
  }

  onModuleInit(): Promise<void> {
    return this.connect();
  }

  /** Idempotent; the Socket.IO adapter needs the connection before modules are initialised. */
  async connect(): Promise<void> {
    if (this.client && !this.client.isOpen) await this.client.connect();
  }

  /** Whether Redis answers a ping now; true when Redis is not configured (nothing to wait for). */
  async isUp(): Promise<boolean> {
    if (!this.client) return true;
    if (!this.client.isReady) return false;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), PING_TIMEOUT_MS);
    });
    try {
      return await Promise.race([
        this.client.ping().then(
          (answer) => answer === 'PONG',
          () => false,
        ),
        timeout,
      ]);
    } finally {
      clearTimeout(timer);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.client?.isOpen) await this.client.close();
  }
}

/** Import it wherever the shared Redis connection is needed; there is one per application. */
@Module({ providers: [RedisConnection], exports: [RedisConnection] })
export class RedisModule {}
