import { describe, expect, it } from '@jest/globals';
import { ApiError } from '@plenary/core';
import type { Guest, GuestTokens, Principal, TokenService } from '@plenary/identity';
import type { Socket } from 'socket.io';
import { SocketAuthenticator } from './socket-authenticator.js';

const amina: Principal = {
  id: '6b0493a45680ffc9e5fc590f',
  email: 'amina@plenary.test',
  displayName: 'Amina',
  role: 'member',
  status: 'active',
  createdAt: new Date('2026-01-01T00:00:00Z'),
  emailVerified: true,
};

/** The token service's contract: one good token, a suspended account's token, everything else invalid. */
const tokens = {
  async authenticate(token: string | undefined): Promise<Principal> {
    if (!token) throw ApiError.unauthorized('An access token is required');
    if (token === 'good') return amina;
    if (token === 'suspended') throw ApiError.forbidden('This account is suspended');
    throw ApiError.unauthorized('The access token is invalid or expired');
  },
} as TokenService;

const visitor: Guest = {
  id: '6b0493a45680ffc9e5fc5910',
  sessionId: '6b0493a45680ffc9e5fc5911',
  displayName: 'Visitor',
};

/** A guest token is 'guest'; anything else is not one. */
const guests = {
  verify: async (token: string) => (token === 'guest' ? visitor : null),
} as GuestTokens;

async function handshake(auth: Record<string, unknown>, namespace = '/') {
  const socket = { handshake: { auth }, nsp: { name: namespace }, data: {} } as unknown as Socket;
  const authenticator = new SocketAuthenticator(tokens, guests);
  authenticator.admitGuestsOn('/live');
  const error = await new Promise<(Error & { data?: unknown }) | undefined>((resolve) => {
    void authenticator.authenticate(socket, resolve);
  });
  return { socket, error };
}

describe('SocketAuthenticator', () => {
  it('lets a valid access token through and leaves the principal on the socket', async () => {
    const { socket, error } = await handshake({ token: 'good' });
    expect(error).toBeUndefined();
    expect(socket.data.user).toEqual(amina);
  });

  it.each([
    [{}, 401, 'An access token is required'],
    [{ token: 42 }, 401, 'An access token is required'],
    [{ token: 'forged' }, 401, 'The access token is invalid or expired'],
    [{ token: 'suspended' }, 403, 'This account is suspended'],
  ])('refuses %j with a connect_error carrying the error body', async (auth, statusCode, message) => {
    const { socket, error } = await handshake(auth);
    expect(error?.message).toBe(message);
    expect(error?.data).toEqual({
      statusCode,
      code: expect.any(String),
      error: expect.any(String),
      message,
      details: [],
    });
    expect(socket.data.user).toBeUndefined();
  });

  it('admits a guest token on a namespace that admits guests, as the guest', async () => {
    const { socket, error } = await handshake({ token: 'guest' }, '/live');
    expect(error).toBeUndefined();
    expect(socket.data.guest).toEqual(visitor);
    expect(socket.data.user).toBeUndefined();
  });

  it('refuses a guest token elsewhere, as the token service refuses it', async () => {
    const { socket, error } = await handshake({ token: 'guest' }, '/');
    expect(error?.message).toBe('The access token is invalid or expired');
    expect(socket.data.guest).toBeUndefined();
  });

  it('still admits members on a namespace that admits guests', async () => {
    const { socket, error } = await handshake({ token: 'good' }, '/live');
    expect(error).toBeUndefined();
    expect(socket.data.user).toEqual(amina);
  });
});
