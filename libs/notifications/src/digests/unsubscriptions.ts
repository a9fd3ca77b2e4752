import { Injectable } from '@nestjs/common';
import { ApiError } from '@plenary/core';
import { UsersService } from '@plenary/identity';
import { PreferencesService } from '../preferences/preferences.service.js';
import type { UnsubscribeResult } from './dto/unsubscribe.dto.js';
import { UnsubscribeTokens } from './unsubscribe-tokens.js';

/** The digest's unsubscribe links: no sign-in, the token says whose digest to turn off. */
@Injectable()
export class Unsubscriptions {
  constructor(
    private readonly tokens: UnsubscribeTokens,
    private readonly preferences: PreferencesService,
    private readonly users: UsersService,
  ) {}

  /** Idempotent; an account deleted since has no digest left to turn off. */
  async unsubscribe(token: string | undefined): Promise<UnsubscribeResult> {
    if (!token) throw ApiError.invalidField('token', 'is required');
    const userId = this.tokens.userOf(token);
    if (!userId) throw ApiError.invalidField('token', 'is not a valid unsubscribe link');
    if (await this.users.contactOf(userId)) await this.preferences.stopDigest(userId);
    return { digest: 'off' };
  }
}
