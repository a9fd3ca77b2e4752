import { describe, expect, it } from '@jest/globals';
import { createValidationPipe } from '@plenary/core';
import { NOTIFICATION_KINDS, type NotificationKind } from '../model/notification-kinds.js';
import { UpdatePreferencesDto } from './dto/preferences.dto.js';
import type { PreferenceRecord } from './preference.schema.js';
import type { PreferencesRepository } from './preferences.repository.js';
import { PreferencesService } from './preferences.service.js';

/** One member's document, changed path by path as the database would. */
function setUp() {
  let record: PreferenceRecord | null = null;
  const repository = {
    findFor: async () => record,
    change: async (
      userId: string,
      kinds: Partial<Record<NotificationKind, boolean>>,
      digest: { frequency?: PreferenceRecord['digest']; timeZone?: string } = {},
    ) => {
      const current =
        record ?? ({ id: 'x', userId, kinds: {}, digest: 'off', timeZone: null } as unknown as PreferenceRecord);
      record = {
        ...current,
        kinds: { ...current.kinds, ...kinds },
        digest: digest.frequency ?? current.digest,
        timeZone: digest.timeZone ?? current.timeZone,
      };
    },
  } as unknown as PreferencesRepository;
  return new PreferencesService(repository);
}

const validate = (body: unknown) =>
  createValidationPipe().transform(body, { type: 'body', metatype: UpdatePreferencesDto, data: '' });

describe('PreferencesService', () => {
  it('starts with every kind on and no digest', async () => {
    const view = await setUp().get('ana');
    expect(view).toEqual({
      kinds: Object.fromEntries(NOTIFICATION_KINDS.map((kind) => [kind, true])),
      digest: 'off',
      timeZone: null,
    });
  });

  it('changes only the kinds sent, and the digest when sent', async () => {
    const service = setUp();
    await service.update('ana', (await validate({ kinds: { reply: false } })) as UpdatePreferencesDto);
    const view = await service.update('ana', (await validate({ digest: 'weekly' })) as UpdatePreferencesDto);
    expect(view.digest).toBe('weekly');
    expect(Object.entries(view.kinds).filter(([, on]) => !on)).toEqual([['reply', false]]);
    const zoned = await service.update('ana', (await validate({ timeZone: 'Asia/Manila' })) as UpdatePreferencesDto);
    expect(zoned).toMatchObject({ digest: 'weekly', timeZone: 'Asia/Manila' });
  });

  it('refuses a change that changes nothing', async () => {
    const service = setUp();
    for (const body of [{}, { kinds: {} }]) {
      await expect(service.update('ana', (await validate(body)) as UpdatePreferencesDto)).rejects.toMatchObject({
        status: 400,
      });
    }
  });
});

describe('UpdatePreferencesDto', () => {
  it('takes every kind', async () => {
    const kinds = Object.fromEntries(NOTIFICATION_KINDS.map((kind) => [kind, false]));
    await expect(validate({ kinds, digest: 'daily' })).resolves.toMatchObject({ kinds, digest: 'daily' });
  });

  it.each([
    [{ kinds: { shouting: false } }, 'kinds.shouting', 'is not an allowed field'],
    [{ kinds: { mention: 'no' } }, 'kinds.mention', 'must be true or false'],
    [{ kinds: { mention: null } }, 'kinds.mention', 'must not be null'],
    [{ kinds: 'all' }, 'kinds', 'must be an object'],
    [{ kinds: [{ mention: true }] }, 'kinds', 'must be an object'],
    [{ digest: 'hourly' }, 'digest', 'must be one of off, daily, weekly'],
    [{ timeZone: 'Europe/Atlantis' }, 'timeZone', 'must be an IANA time zone, such as Europe/Zurich or UTC'],
    [{ email: true }, 'email', 'is not an allowed field'],
  ])('refuses %j naming %s', async (body, field, problem) => {
    await expect(validate(body)).rejects.toMatchObject({ details: [{ field, problem }] });
  });
});
