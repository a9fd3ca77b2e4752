import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import type { TaxonomyTermRecord } from './taxonomy-term.schema.js';
import type { TaxonomyRepository } from './taxonomy.repository.js';
import type { UiLanguage } from './reference-data.js';
import { TAXONOMY_RELOAD_INTERVAL_MS, type TaxonomyListName, TaxonomyService } from './taxonomy.service.js';

function term(kind: TaxonomyTermRecord['kind'], key: string, en: string): TaxonomyTermRecord {
  return { id: `${kind}-${key}`, kind, key, position: 0, label: { en }, title: null };
}

/** A repository over an array the test edits, counting the reads. */
function repositoryOf(records: TaxonomyTermRecord[]) {
  const repository = {
    reads: 0,
    insertMissing: async () => 0,
    listAll: jest.fn(async () => {
      repository.reads++;
      return records.map((record) => ({ ...record, label: { ...record.label } }));
    }),
  };
  return repository;
}

function sent(service: TaxonomyService, name: TaxonomyListName, language: UiLanguage): unknown {
  return JSON.parse(service.served(name, language).json);
}

function regionLabel(service: TaxonomyService): string {
  return (sent(service, 'regions', 'en') as { items: { label: string }[] }).items[0].label;
}

async function started(repository: ReturnType<typeof repositoryOf>): Promise<TaxonomyService> {
  const service = new TaxonomyService(repository as unknown as TaxonomyRepository);
  await service.onModuleInit();
  return service;
}

describe('TaxonomyService', () => {
  let service: TaxonomyService | undefined;

  afterEach(() => {
    service?.onModuleDestroy();
    jest.useRealTimers();
  });

  it('reads the terms once at boot and answers from memory, with an ETag per list and language', async () => {
    const repository = repositoryOf([term('region', 'africa', 'Africa'), term('principle', 'rule-of-law', 'Law')]);
    service = await started(repository);
    for (let i = 0; i < 3; i++) {
      expect(sent(service, 'regions', 'fr')).toEqual({ language: 'fr', items: [{ key: 'africa', label: 'Africa' }] });
      expect(sent(service, 'principles', 'es')).toEqual({
        language: 'es',
        items: [{ key: 'rule-of-law', label: 'Law' }],
      });
    }
    expect(repository.reads).toBe(1);
    const etags = ['en', 'fr', 'es'].flatMap((language) =>
      (['objectives', 'principles', 'regions', 'organisation-types', 'countries'] as const).map(
        (name) => service!.served(name, language as 'en' | 'fr' | 'es').etag,
      ),
    );
    expect(new Set(etags).size).toBe(15);
  });

  it('reloads in the background and keeps serving the last terms when a reload fails', async () => {
    jest.useFakeTimers();
    const records = [term('region', 'africa', 'Africa')];
    const repository = repositoryOf(records);
    service = await started(repository);
    const before = service.served('regions', 'en');

    records[0].label.en = 'Afrique';
    await jest.advanceTimersByTimeAsync(TAXONOMY_RELOAD_INTERVAL_MS);
    expect(regionLabel(service)).toBe('Afrique');
    expect(service.served('regions', 'en').etag).not.toBe(before.etag);

    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    repository.listAll.mockRejectedValueOnce(new Error('database down'));
    await jest.advanceTimersByTimeAsync(TAXONOMY_RELOAD_INTERVAL_MS);
    expect(regionLabel(service)).toBe('Afrique');
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('database down'));
    warn.mockRestore();
  });

  it('reads once more when refreshed during a read, so that a write just made is seen', async () => {
    const records = [term('region', 'africa', 'Africa')];
    const repository = repositoryOf(records);
    service = await started(repository);
    const first = service.refresh();
    records[0].label.en = 'Written meanwhile';
    const second = service.refresh();
    await Promise.all([first, second]);
    expect(repository.reads).toBe(3);
    expect(regionLabel(service)).toBe('Written meanwhile');
  });
});
