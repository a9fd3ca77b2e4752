import { describe, expect, it } from '@jest/globals';
import { localize, negotiateLanguage } from './language.js';

describe('negotiateLanguage', () => {
  it.each([
    [undefined, undefined, 'en'],
    [undefined, '', 'en'],
    [undefined, 'fr', 'fr'],
    [undefined, 'es-419,es;q=0.9', 'es'],
    [undefined, 'de-CH, de;q=0.9, fr;q=0.5, en;q=0.4', 'fr'],
    [undefined, 'en;q=0.1, es;q=0.8', 'es'],
    [undefined, 'fr;q=0, *;q=0.5', 'en'],
    [undefined, 'FR-fr', 'fr'],
    [undefined, 'es;q=0.5, fr;q=0.5', 'es'],
    ['fr', 'es', 'fr'],
  ] as const)('asked %s with Accept-Language %j answers %s', (requested, header, expected) => {
    expect(negotiateLanguage(requested, header)).toBe(expected);
  });
});

describe('localize', () => {
  it('gives the text in the language asked, or English and says so', () => {
    expect(localize({ en: 'Data', fr: 'Données' }, 'fr')).toEqual({ text: 'Données', language: 'fr' });
    expect(localize({ en: 'Data', fr: 'Données' }, 'es')).toEqual({ text: 'Data', language: 'en' });
  });
});
