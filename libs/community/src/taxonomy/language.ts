import { UI_LANGUAGES, type UiLanguage } from './reference-data.js';

/**
 * The language to answer in: `?lang=` when given (already validated), else the best supported
 * language of the Accept-Language header by its q-values, else English.
 */
export function negotiateLanguage(requested: UiLanguage | undefined, acceptLanguage: string | undefined): UiLanguage {
  if (requested) return requested;
  const preferences = (acceptLanguage ?? '')
    .split(',')
    .map((part, index) => {
      const [range, ...parameters] = part.trim().split(';');
      const quality = parameters.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((q) => q !== undefined);
      return { language: range.trim().toLowerCase().split('-')[0], quality: quality ? Number(quality) : 1, index };
    })
    .filter((preference) => preference.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  const match = preferences.find((preference) => (UI_LANGUAGES as readonly string[]).includes(preference.language));
  return (match?.language as UiLanguage | undefined) ?? 'en';
}

/** The text in the language asked, and the language it is actually in (English when untranslated). */
export function localize(
  text: { en: string; fr?: string; es?: string },
  language: UiLanguage,
): { text: string; language: UiLanguage } {
  const translated = text[language];
  return translated ? { text: translated, language } : { text: text.en, language: 'en' };
}
