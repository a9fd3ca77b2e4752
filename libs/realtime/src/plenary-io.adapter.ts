import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import type { Namespace, Server, ServerOptions } from 'socket.io';
import type { RedisClient } from '@plenary/database';
import type { SocketAuthenticator } from './socket-authenticator.js';

export interface PlenaryIoOptions {
  /** The handshake every namespace runs before a connection is let through. */
  authenticator: SocketAuthenticator;
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
    namespace.use((socket, next) => void this.options.authenticator.authenticate(socket, next));
  }
}
