import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { CountryList, ObjectiveList, TermList } from './dto/taxonomy.dto.js';
import { GCM_TAXONOMY } from './gcm-taxonomy.js';
import { localize } from './language.js';
import { COUNTRY_CODES, ORGANISATION_TYPE_LABELS, ORGANISATION_TYPES, type UiLanguage } from './reference-data.js';
import type { NewTaxonomyTerm, TermKind } from './taxonomy-term.schema.js';
import { TaxonomyRepository } from './taxonomy.repository.js';

/** The reference data: seeded at boot where absent, read in the caller's language. */
@Injectable()
export class TaxonomyService implements OnModuleInit {
  private readonly logger = new Logger(TaxonomyService.name);

  constructor(private readonly terms: TaxonomyRepository) {}

  async onModuleInit(): Promise<void> {
    const inserted = await this.terms.insertMissing(seedTerms());
    if (inserted > 0) this.logger.log(`Seeded ${inserted} taxonomy terms`);
  }

  async objectives(language: UiLanguage): Promise<ObjectiveList> {
    const terms = await this.terms.listKind('objective');
    return {
      language,
      items: terms.map((term) => {
        const title = localize(term.title ?? term.label, language);
        return {
          number: Number(term.key),
          label: localize(term.label, language).text,
          title: title.text,
          titleLanguage: title.language,
        };
      }),
    };
  }

  async termsOf(kind: Exclude<TermKind, 'objective'>, language: UiLanguage): Promise<TermList> {
    const terms = await this.terms.listKind(kind);
    return { language, items: terms.map((term) => ({ key: term.key, label: localize(term.label, language).text })) };
  }

  organisationTypes(language: UiLanguage): TermList {
    return {
      language,
      items: ORGANISATION_TYPES.map((key) => ({ key, label: ORGANISATION_TYPE_LABELS[key][language] })),
    };
  }

  countries(language: UiLanguage): CountryList {
    const names = new Intl.DisplayNames([language], { type: 'region' });
    const collator = new Intl.Collator(language);
    const items = COUNTRY_CODES.map((code) => ({ code, name: names.of(code) ?? code }));
    return { language, items: items.sort((a, b) => collator.compare(a.name, b.name)) };
  }
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
