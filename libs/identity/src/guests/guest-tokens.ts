import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { Types } from 'mongoose';
import { JwtKeys } from '../tokens/jwt-keys.js';
import type { Guest, GuestClaims } from './guest.js';

/** A guest token outlives a two-day meeting's longest day; the guest joins again by code after that. */
const GUEST_TOKEN_SECONDS = 16 * 60 * 60;

/** Issues and verifies guest tokens, signed with the access-token key. */
@Injectable()
export class GuestTokens {
  constructor(
    private readonly jwt: JwtService,
    private readonly keys: JwtKeys,
  ) {}

  async issue(sessionId: string, displayName: string): Promise<{ token: string; guest: Guest; expiresIn: number }> {
    const guest: Guest = { id: new Types.ObjectId().toString(), sessionId, displayName };
    const claims: GuestClaims = { sub: guest.id, sid: sessionId, name: displayName, typ: 'guest' };
    const token = await this.jwt.signAsync(claims, {
      secret: this.keys.access,
      expiresIn: GUEST_TOKEN_SECONDS,
      algorithm: 'HS256',
    });
    return { token, guest, expiresIn: GUEST_TOKEN_SECONDS };
  }

  /** The guest behind a valid guest token; null for anything else (an access token, a bad or expired token). */
  async verify(token: string): Promise<Guest | null> {
    try {
      const claims = await this.jwt.verifyAsync<Partial<GuestClaims>>(token, {
        secret: this.keys.access,
        algorithms: ['HS256'],
      });
      if (claims.typ !== 'guest' || !claims.sub || !claims.sid || typeof claims.name !== 'string') return null;
      return { id: claims.sub, sessionId: claims.sid, displayName: claims.name };
    } catch {
      return null;
    }
  }
}

/** True when the verified claims are a guest token's: such a token never stands for an account. */
export function isGuestClaims(claims: object): boolean {
  return (claims as Partial<GuestClaims>).typ === 'guest';
}
