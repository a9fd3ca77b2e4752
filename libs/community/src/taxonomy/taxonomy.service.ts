import { createHash } from 'node:crypto';
import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { CountryList, ObjectiveList, TermList } from './dto/taxonomy.dto.js';
import { GCM_TAXONOMY } from './gcm-taxonomy.js';
import { localize } from './language.js';
import {
  COUNTRY_CODES,
  ORGANISATION_TYPE_LABELS,
  ORGANISATION_TYPES,
  UI_LANGUAGES,
  type UiLanguage,
} from './reference-data.js';
import type { NewTaxonomyTerm, TaxonomyTermRecord, TermKind } from './taxonomy-term.schema.js';
import { TaxonomyRepository } from './taxonomy.repository.js';

/** How often every instance re-reads the terms, to pick up changes made elsewhere (another instance, an admin). */
export const TAXONOMY_RELOAD_INTERVAL_MS = 60_000;

interface Lists {
  objectives: ObjectiveList;
  principles: TermList;
  regions: TermList;
  'organisation-types': TermList;
  countries: CountryList;
}
export type TaxonomyListName = keyof Lists;

/** A list as it is sent: its JSON, and a strong ETag that changes with it. */
export interface ServedList {
  json: string;
  etag: string;
}

type Prepared = Record<TaxonomyListName, ServedList>;
type FixedLists = Pick<Prepared, 'organisation-types' | 'countries'>;

/**
 * The reference data: seeded at boot where absent, then held in memory in every language, ready
 * to send. The terms are re-read in the background and after every write made here; countries and
 * organisation types never change while the process runs and are prepared once.
 */
@Injectable()
export class TaxonomyService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(TaxonomyService.name);
  private readonly fixed = byLanguage(fixedLists);
  private prepared?: Record<UiLanguage, Prepared>;
  private loading?: Promise<void>;
  private loadAgain = false;
  private timer?: NodeJS.Timeout;

  constructor(private readonly repository: TaxonomyRepository) {}

  async onModuleInit(): Promise<void> {
    const inserted = await this.repository.insertMissing(seedTerms());
    if (inserted > 0) this.logger.log(`Seeded ${inserted} taxonomy terms`);
    await this.refresh();
    this.timer = setInterval(() => {
      this.refresh().catch((error: unknown) =>
        this.logger.warn(`Reloading the taxonomy failed; serving the previous one: ${String(error)}`),
      );
    }, TAXONOMY_RELOAD_INTERVAL_MS).unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  /**
   * Re-reads the terms. A call while a read is under way has it read once more afterwards (and
   * waits for that), so that a write made just before is seen.
   */
  refresh(): Promise<void> {
    if (this.loading) {
      this.loadAgain = true;
      return this.loading;
    }
    this.loading = (async () => {
      try {
        do {
          this.loadAgain = false;
          const records = await this.repository.listAll();
          this.prepared = byLanguage((language) => ({ ...termLists(records, language), ...this.fixed[language] }));
        } while (this.loadAgain);
      } finally {
        this.loading = undefined;
      }
    })();
    return this.loading;
  }

  served(name: TaxonomyListName, language: UiLanguage): ServedList {
    if (!this.prepared) throw new Error('the taxonomy is read before it was loaded');
    return this.prepared[language][name];
  }
}

function termLists(records: TaxonomyTermRecord[], language: UiLanguage): Omit<Prepared, keyof FixedLists> {
  const ofKind = (kind: TermKind) => records.filter((term) => term.kind === kind);
  const labels = (kind: TermKind): TermList => ({
    language,
    items: ofKind(kind).map((term) => ({ key: term.key, label: localize(term.label, language).text })),
  });
  const objectives: ObjectiveList = {
    language,
    items: ofKind('objective').map((term) => {
      const title = localize(term.title ?? term.label, language);
      return {
        number: Number(term.key),
        label: localize(term.label, language).text,
        title: title.text,
        titleLanguage: title.language,
      };
    }),
  };
  return {
    objectives: prepare(objectives),
    principles: prepare(labels('principle')),
    regions: prepare(labels('region')),
  };
}

function fixedLists(language: UiLanguage): FixedLists {
  const names = new Intl.DisplayNames([language], { type: 'region' });
  const collator = new Intl.Collator(language);
  const countries = COUNTRY_CODES.map((code) => ({ code, name: names.of(code) ?? code }));
  return {
    'organisation-types': prepare({
      language,
      items: ORGANISATION_TYPES.map((key) => ({ key, label: ORGANISATION_TYPE_LABELS[key][language] })),
    }),
    countries: prepare({ language, items: countries.sort((a, b) => collator.compare(a.name, b.name)) }),
  };
}

function prepare(list: ObjectiveList | TermList | CountryList): ServedList {
  const json = JSON.stringify(list);
  return { json, etag: `"${createHash('sha256').update(json).digest('base64url')}"` };
}

function byLanguage<T>(build: (language: UiLanguage) => T): Record<UiLanguage, T> {
  return Object.fromEntries(UI_LANGUAGES.map((language) => [language, build(language)])) as Record<UiLanguage, T>;
}

function seedTerms(): NewTaxonomyTerm[] {
  return [
    ...GCM_TAXONOMY.objectives.map((objective, index) => ({
      kind: 'objective' as const,
      key: String(objective.number),
      position: index,
      label: { ...objective.short },
      title: { ...objective.title },
    })),
    ...GCM_TAXONOMY.guidingPrinciples.map((principle, index) => ({
      kind: 'principle' as const,
      key: principle.key,
      position: index,
      label: { ...principle.name },
      title: null,
    })),
    ...GCM_TAXONOMY.regions.map((region, index) => ({
      kind: 'region' as const,
      key: region.key,
      position: index,
      label: { ...region.name },
      title: null,
    })),
  ];
}
