import { Injectable } from '@nestjs/common';
import { toErrorBody } from '@plenary/core';
import { GuestTokens, TokenService } from '@plenary/identity';
import type { Socket } from 'socket.io';

/** What Socket.IO passes to a namespace middleware to let a connection through, or refuse it. */
export type HandshakeNext = (error?: Error) => void;

/**
 * The socket handshake: the client sends its access token as `auth.token`; identity's token
 * service verifies it exactly as it does for HTTP. A good token leaves the principal on
 * `socket.data.user`; a missing or bad one fails the connection with a `connect_error` whose
 * `message` says why and whose `data` is the error body. On a namespace that admits guests (a
 * context says which), a guest token leaves the guest on `socket.data.guest` instead.
 */
@Injectable()
export class SocketAuthenticator {
  private readonly guestNamespaces = new Set<string>();

  constructor(
    private readonly tokens: TokenService,
    private readonly guests: GuestTokens,
  ) {}

  admitGuestsOn(namespace: string): void {
    this.guestNamespaces.add(namespace);
  }

  async authenticate(socket: Socket, next: HandshakeNext): Promise<void> {
    const token: unknown = socket.handshake.auth?.token;
    try {
      const guest =
        typeof token === 'string' && this.guestNamespaces.has(socket.nsp.name) ? await this.guests.verify(token) : null;
      if (guest) socket.data.guest = guest;
      else socket.data.user = await this.tokens.authenticate(typeof token === 'string' ? token : undefined);
    } catch (error) {
      const body = toErrorBody(error);
      next(Object.assign(new Error(body.message), { data: body }));
      return;
    }
    next();
  }
}
