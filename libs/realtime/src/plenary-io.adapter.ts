import type { IncomingMessage } from 'node:http';
import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import type { MessageMappingProperties } from '@nestjs/websockets';
import { ApiError, toErrorBody } from '@plenary/core';
import type { RedisClient } from '@plenary/database';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import type { Observable } from 'rxjs';
import type { Namespace, Server, ServerOptions, Socket } from 'socket.io';
import type { Ack } from './events.js';
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
 * missing `auth.token` fails the connection with a `connect_error` that says why), the browser
 * origins of CORS_ORIGINS on every transport, an error ack for events no gateway handles, and,
 * with Redis, the streams adapter, which keeps connection-state recovery working across instances.
 */
export class PlenaryIoAdapter extends IoAdapter {
  /** The events the gateways of each namespace handle, by namespace name. */
  private readonly handledEvents = new Map<string, Set<string>>();
  private readonly answered = new WeakSet<Socket>();

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
      // CORS covers long-polling only: a WebSocket upgrade carries an Origin the browser does not let
      // a page forge, and is checked here against the same list.
      allowRequest: (request, decide) => decide(null, this.originAllowed(request)),
      connectionStateRecovery: { maxDisconnectionDuration: RECOVERY_WINDOW_MS, skipMiddlewares: false },
      ...(this.options.redis ? { adapter: createAdapter(this.options.redis) } : {}),
    };
    const server: Server = super.createIOServer(port, serverOptions as ServerOptions);
    this.requireAuthentication(server.of('/'));
    server.on('new_namespace', (namespace: Namespace) => this.requireAuthentication(namespace));
    return server;
  }

  override bindMessageHandlers(
    socket: Socket,
    handlers: MessageMappingProperties[],
    transform: (data: unknown) => Observable<unknown>,
  ): void {
    const handled = this.handledEvents.get(socket.nsp.name) ?? new Set<string>();
    this.handledEvents.set(socket.nsp.name, handled);
    for (const handler of handlers) handled.add(String(handler.message));
    if (!this.answered.has(socket)) {
      this.answered.add(socket);
      socket.onAny((event: string, ...args: unknown[]) => {
        const ack = args[args.length - 1];
        if (handled.has(event) || typeof ack !== 'function') return;
        (ack as (result: Ack<never>) => void)({ ok: false, error: toErrorBody(ApiError.unknownEvent(event)) });
      });
    }
    super.bindMessageHandlers(socket, handlers, transform);
  }

  /** No Origin (not a browser), the server's own origin, or one of CORS_ORIGINS. */
  private originAllowed(request: IncomingMessage): boolean {
    const origin = request.headers.origin;
    if (!origin || this.options.corsOrigins === '*') return true;
    if (this.options.corsOrigins.includes(origin)) return true;
    try {
      return new URL(origin).host === request.headers.host;
    } catch {
      return false;
    }
  }

  private requireAuthentication(namespace: Namespace): void {
    namespace.use((socket, next) => void this.options.authenticator.authenticate(socket, next));
  }
}
