import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AppConfig } from '@plenary/core';

const TOKEN = /^([0-9a-f]{24})\.([A-Za-z0-9_-]{43})$/;

/**
 * The token of a digest's unsubscribe links: the member's id and its HMAC, so nothing is stored and
 * a link keeps working from every mail. The key is derived from the refresh-token secret for this
 * use only (a signature made here proves nothing anywhere else).
 */
@Injectable()
export class UnsubscribeTokens {
  private readonly key: Buffer;

  constructor(config: AppConfig) {
    this.key = Buffer.from(hkdfSync('sha256', config.jwt.refreshSecret, '', 'plenary digest-unsubscribe', 32));
  }

  tokenFor(userId: string): string {
    return `${userId}.${this.signature(userId).toString('base64url')}`;
  }

  /** The member the token was made for; null when it was not made here. */
  userOf(token: string): string | null {
    const [, userId, signature] = TOKEN.exec(token) ?? [];
    if (!userId) return null;
    return timingSafeEqual(Buffer.from(signature, 'base64url'), this.signature(userId)) ? userId : null;
  }

  private signature(userId: string): Buffer {
    return createHmac('sha256', this.key).update(userId).digest();
  }
}
