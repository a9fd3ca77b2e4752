import { describe, expect, it } from '@jest/globals';
import { GCM_TAXONOMY } from './gcm-taxonomy.js';
import {
  COUNTRY_CODES,
  LANGUAGE_CODES,
  OBJECTIVE_NUMBERS,
  ORGANISATION_TYPE_LABELS,
  ORGANISATION_TYPES,
} from './reference-data.js';

describe('reference data', () => {
  it('holds the 249 ISO 3166-1 alpha-2 codes, each a region ICU can name', () => {
    const names = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
    expect(COUNTRY_CODES).toHaveLength(249);
    expect(new Set(COUNTRY_CODES).size).toBe(249);
    expect(COUNTRY_CODES.filter((code) => !/^[A-Z]{2}$/.test(code) || !names.of(code))).toEqual([]);
  });

  it('holds the 183 ISO 639-1 codes, each a language ICU can name', () => {
    const names = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });
    expect(LANGUAGE_CODES).toHaveLength(183);
    expect(new Set(LANGUAGE_CODES).size).toBe(183);
    expect(LANGUAGE_CODES.filter((code) => !/^[a-z]{2}$/.test(code) || !names.of(code))).toEqual([]);
  });

  it('numbers the GCM objectives 1 to 23, every one labelled in English, French and Spanish', () => {
    expect(OBJECTIVE_NUMBERS).toEqual(Array.from({ length: 23 }, (_, index) => index + 1));
    for (const objective of GCM_TAXONOMY.objectives) {
      expect([objective.short.en, objective.short.fr, objective.short.es].every(Boolean)).toBe(true);
      expect(objective.title.en.length).toBeGreaterThan(10);
    }
    expect(GCM_TAXONOMY.guidingPrinciples).toHaveLength(10);
    expect(GCM_TAXONOMY.regions).toHaveLength(5);
  });

  it('labels every organisation type in the three languages', () => {
    for (const type of ORGANISATION_TYPES) {
      expect(Object.keys(ORGANISATION_TYPE_LABELS[type]).sort()).toEqual(['en', 'es', 'fr']);
    }
  });
});
