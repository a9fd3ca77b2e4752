import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { toErrorBody } from '@plenary/core';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import type { Namespace, Server, ServerOptions, Socket } from 'socket.io';
import type { SocketUser } from './events.js';
import type { RedisClient } from './redis-connection.js';

export interface PlenaryIoOptions {
  /** Verifies a handshake token; throws (an ApiError) when it is missing or bad. */
  authenticate: (token: string | undefined) => Promise<SocketUser>;
  /** Links instances through Redis streams when given; one instance works alone without. */
  redis?: RedisClient;
  corsOrigins: string[] | '*';
}

/** A dropped client that comes back within this window gets its rooms and missed events back. */
const RECOVERY_WINDOW_MS = 2 * 60 * 1000;

/**
 * Socket.IO on the HTTP server's port, with handshake authentication on every namespace (a bad or
 * missing `auth.token` fails the connection with a `connect_error` that says why) and, with Redis,
 * the streams adapter, which keeps connection-state recovery working across instances.
 */
export class PlenaryIoAdapter extends IoAdapter {
  constructor(
    app: INestApplicationContext,
    private readonly options: PlenaryIoOptions,
  ) {
    super(app);
  }

  override createIOServer(port: number, options?: Partial<ServerOptions>): Server {
    const serverOptions: Partial<ServerOptions> = {
      ...options,
      cors: { origin: this.options.corsOrigins === '*' ? true : this.options.corsOrigins, credentials: true },
      connectionStateRecovery: { maxDisconnectionDuration: RECOVERY_WINDOW_MS, skipMiddlewares: false },
      ...(this.options.redis ? { adapter: createAdapter(this.options.redis) } : {}),
    };
    const server: Server = super.createIOServer(port, serverOptions as ServerOptions);
    this.requireAuthentication(server.of('/'));
    server.on('new_namespace', (namespace: Namespace) => this.requireAuthentication(namespace));
    return server;
  }

  private requireAuthentication(namespace: Namespace): void {
    namespace.use((socket: Socket, next: (error?: Error) => void) => {
      const token: unknown = socket.handshake.auth?.token;
      this.options
        .authenticate(typeof token === 'string' ? token : undefined)
        .then((user) => {
          socket.data.user = user;
          next();
        })
        .catch((error: unknown) => {
          const body = toErrorBody(error);
          next(Object.assign(new Error(body.message), { data: body }));
        });
    });
  }
}
