import { useTranslation } from 'react-i18next';

/** The ISO 639-1 codes the API accepts for interpretation channels (libs/community's LANGUAGE_CODES). */
export const LANGUAGE_CODES: readonly string[] = (
  'aa ab ae af ak am an ar as av ay az ba be bg bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ' +
  'ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ' +
  'ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi ' +
  'mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw ' +
  'sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ' +
  'ur uz ve vi vo wa wo xh yi yo za zh zu'
).split(' ');

/** The six UN languages and Portuguese first in pickers: the community's usual channels. */
const USUAL = ['en', 'fr', 'es', 'ar', 'ru', 'zh', 'pt'];

/** Language names in the interface's language (Intl knows them all), and the codes sorted by those names. */
export function useLanguageNames() {
  const { i18n } = useTranslation();
  const locale = i18n.resolvedLanguage ?? 'en';
  let names: Intl.DisplayNames | null = null;
  try {
    names = new Intl.DisplayNames([locale], { type: 'language' });
  } catch {
    names = null;
  }
  const nameOf = (code: string): string => {
    const name = names?.of(code);
    return name && name !== code ? name.charAt(0).toLocaleUpperCase(locale) + name.slice(1) : code;
  };
  const collator = new Intl.Collator(locale);
  const sorted = (codes: readonly string[]) => [...codes].sort((a, b) => collator.compare(nameOf(a), nameOf(b)));
  return {
    nameOf,
    /** The usual channels first, then every other language by name. */
    choices: (exclude: readonly string[] = []) => {
      const rest = sorted(LANGUAGE_CODES.filter((code) => !USUAL.includes(code)));
      return [...USUAL, ...rest].filter((code) => !exclude.includes(code));
    },
    list: (codes: readonly string[]) =>
      new Intl.ListFormat(locale, { type: 'conjunction', style: 'long' }).format(codes.map(nameOf)),
  };
}
