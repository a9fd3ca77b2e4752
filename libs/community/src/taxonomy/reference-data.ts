import { GCM_TAXONOMY } from './gcm-taxonomy.js';

/** The languages Plenary answers in; English is the default. */
export const UI_LANGUAGES = ['en', 'fr', 'es'] as const;
export type UiLanguage = (typeof UI_LANGUAGES)[number];

export const OBJECTIVE_NUMBERS: readonly number[] = GCM_TAXONOMY.objectives.map((objective) => objective.number);
export const PRINCIPLE_KEYS: readonly string[] = GCM_TAXONOMY.guidingPrinciples.map((principle) => principle.key);
export const REGION_KEYS: readonly string[] = GCM_TAXONOMY.regions.map((region) => region.key);

export const ORGANISATION_TYPES = [
  'member_state',
  'un_entity',
  'civil_society',
  'academia',
  'private_sector',
  'local_authority',
  'other',
] as const;
export type OrganisationType = (typeof ORGANISATION_TYPES)[number];

export const ORGANISATION_TYPE_LABELS: Record<OrganisationType, Record<UiLanguage, string>> = {
  member_state: { en: 'Member State', fr: 'État membre', es: 'Estado Miembro' },
  un_entity: { en: 'UN entity', fr: 'Entité des Nations Unies', es: 'Entidad de las Naciones Unidas' },
  civil_society: { en: 'Civil society', fr: 'Société civile', es: 'Sociedad civil' },
  academia: { en: 'Academia', fr: 'Milieu universitaire', es: 'Academia' },
  private_sector: { en: 'Private sector', fr: 'Secteur privé', es: 'Sector privado' },
  local_authority: { en: 'Local authority', fr: 'Autorité locale', es: 'Autoridad local' },
  other: { en: 'Other', fr: 'Autre', es: 'Otro' },
};

/** ISO 3166-1 alpha-2: the 249 officially assigned codes. */
export const COUNTRY_CODES: readonly string[] = (
  'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV ' +
  'BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ' +
  'ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE ' +
  'IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY ' +
  'MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU ' +
  'NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM ' +
  'SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE ' +
  'VG VI VN VU WF WS YE YT ZA ZM ZW'
).split(' ');

/** ISO 639-1: the 183 two-letter language codes. */
export const LANGUAGE_CODES: readonly string[] = (
  'aa ab ae af ak am an ar as av ay az ba be bg bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ' +
  'ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ' +
  'ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi ' +
  'mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw ' +
  'sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ' +
  'ur uz ve vi vo wa wo xh yi yo za zh zu'
).split(' ');
