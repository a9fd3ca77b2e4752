import { describe, expect, it } from '@jest/globals';
import type { Schema } from 'mongoose';
import { CredentialSchema } from './credentials/credential.schema.js';
import { RefreshTokenSchema } from './tokens/refresh-token.schema.js';
import { AccountTokenSchema } from './verification/account-token.schema.js';
import { AccountMailSendSchema } from './verification/mail-send.schema.js';

describe('identity schemas', () => {
  it.each([
    ['Credential.userId', CredentialSchema],
    ['RefreshToken.userId', RefreshTokenSchema],
    ['AccountToken.userId', AccountTokenSchema],
    ['AccountMailSend.userId', AccountMailSendSchema],
  ] as const)('declares %s as an ObjectId path, so string ids are cast in filters', (_name, schema) => {
    expect((schema as Schema).path('userId').instance).toBe('ObjectId');
  });
});
