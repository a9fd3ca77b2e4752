import { type KeyboardEvent, type ReactNode, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation } from 'react-router';
import { currentLanguage } from '../../i18n';
import { FieldGroup, SelectField, TextField } from '../../ui/Field';
import {
  type Group,
  type GroupType,
  LANGUAGE_CODES,
  languageName,
  type Objective,
  type Profile,
  type Taxonomy,
  type Visibility,
  VISIBILITIES,
} from './community-api';

/** Sends a visitor who is not signed in to the sign-in page, to come back here after. */
export function SignInFirst() {
  const location = useLocation();
  return <Navigate to={`/signin?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
}

/** Who sees one field of the member's profile. */
export function VisibilitySelect({
  field,
  value,
  onChange,
  error,
  disabled,
}: {
  field: string;
  value: Visibility;
  onChange: (value: Visibility) => void;
  error?: string;
  disabled?: boolean;
}) {
  const { t } = useTranslation('community');
  return (
    <div className="community-visibility">
      <SelectField
        label={t('visibility.fieldLabel', { field })}
        value={value}
        onChange={(event) => onChange(event.target.value as Visibility)}
        error={error}
        disabled={disabled}
      >
        {VISIBILITIES.map((level) => (
          <option key={level} value={level}>
            {t(`visibility.field.${level}`)}
          </option>
        ))}
      </SelectField>
    </div>
  );
}

/** A field and, beside it (below it on a phone), who sees it. */
export function FieldRow({ children, visibility }: { children: ReactNode; visibility: ReactNode }) {
  return (
    <div className="community-field-row">
      <div className="community-field-row__main">{children}</div>
      {visibility}
    </div>
  );
}

/** The GCM objectives as checkboxes, numbered as in the Compact. */
export function ObjectivePicker({
  legend,
  hint,
  objectives,
  selected,
  onChange,
  error,
}: {
  legend: string;
  hint?: string;
  objectives: Objective[];
  selected: number[];
  onChange: (numbers: number[]) => void;
  error?: string;
}) {
  const { t } = useTranslation('community');
  const id = useId();
  const toggle = (number: number, on: boolean) =>
    onChange(on ? [...selected, number].sort((a, b) => a - b) : selected.filter((item) => item !== number));
  return (
    <FieldGroup className="community-fieldset" legend={legend} hint={hint} error={error}>
      <ul className="community-objectives">
        {objectives.map((objective) => (
          <li key={objective.number}>
            <input
              id={`${id}-${objective.number}`}
              type="checkbox"
              checked={selected.includes(objective.number)}
              onChange={(event) => toggle(objective.number, event.target.checked)}
            />
            <label htmlFor={`${id}-${objective.number}`} title={objective.title}>
              <span className="community-objectives__number">{t('objective.short', { number: objective.number })}</span>{' '}
              {objective.label}
            </label>
          </li>
        ))}
      </ul>
    </FieldGroup>
  );
}

/** Removable chips: the values chosen so far. */
function Chips({ items, remove }: { items: { key: string; label: string }[]; remove: (key: string) => void }) {
  const { t } = useTranslation('community');
  if (items.length === 0) return null;
  return (
    <ul className="community-chips">
      {items.map((item) => (
        <li key={item.key} className="community-chip">
          <span>{item.label}</span>
          <button
            type="button"
            className="button--quiet community-chip__remove"
            aria-label={t('chips.remove', { item: item.label })}
            onClick={() => remove(item.key)}
          >
            <span aria-hidden="true">×</span>
          </button>
        </li>
      ))}
    </ul>
  );
}

/** The languages a member works in: chosen from every ISO 639-1 language, named in the interface language. */
export function LanguagePicker({
  label,
  value,
  onChange,
  error,
}: {
  label: string;
  value: string[];
  onChange: (codes: string[]) => void;
  error?: string;
}) {
  const { t } = useTranslation('community');
  const locale = currentLanguage();
  const collator = new Intl.Collator(locale);
  const options = LANGUAGE_CODES.filter((code) => !value.includes(code))
    .map((code) => ({ code, name: languageName(code, locale) }))
    .sort((a, b) => collator.compare(a.name, b.name));
  return (
    <div className="community-multi">
      <SelectField
        label={label}
        hint={t('languages.hint')}
        value=""
        onChange={(event) => event.target.value && onChange([...value, event.target.value])}
        error={error}
      >
        <option value="">{t('languages.add')}</option>
        {options.map((option) => (
          <option key={option.code} value={option.code}>
            {option.name}
          </option>
        ))}
      </SelectField>
      <Chips
        items={value.map((code) => ({ key: code, label: languageName(code, locale) }))}
        remove={(code) => onChange(value.filter((item) => item !== code))}
      />
    </div>
  );
}

/** Free tags (expertise): typed, added with Enter or the button, removed one by one. */
export function TagInput({
  label,
  hint,
  value,
  onChange,
  error,
  max,
}: {
  label: string;
  hint?: string;
  value: string[];
  onChange: (tags: string[]) => void;
  error?: string;
  max: number;
}) {
  const { t } = useTranslation('community');
  const [draft, setDraft] = useState('');
  const add = () => {
    const tags = draft
      .split(',')
      .map((tag) => tag.trim().toLowerCase())
      .filter((tag) => tag && !value.includes(tag));
    if (tags.length > 0) onChange([...value, ...new Set(tags)].slice(0, max));
    setDraft('');
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      add();
    }
  };
  return (
    <div className="community-multi">
      <div className="community-tag-input">
        <TextField
          label={label}
          hint={hint}
          value={draft}
          onChange={(event) => setDraft(event.target.value)}
          onKeyDown={onKeyDown}
          maxLength={50}
          error={error}
          disabled={value.length >= max}
        />
        <button type="button" className="button--quiet" onClick={add} disabled={!draft.trim()}>
          {t('tags.add')}
        </button>
      </div>
      <Chips
        items={value.map((tag) => ({ key: tag, label: tag }))}
        remove={(tag) => onChange(value.filter((item) => item !== tag))}
      />
    </div>
  );
}

/** What a profile tells, field by field; fields the viewer may not see (or left empty) are left out. */
export function ProfileFacts({ profile, taxonomy }: { profile: Profile; taxonomy: Taxonomy }) {
  const { t } = useTranslation('community');
  const locale = currentLanguage();
  const rows: [string, ReactNode][] = [];
  if (profile.organisation) rows.push([t('fields.organisation'), profile.organisation]);
  if (profile.orgType) rows.push([t('fields.orgType'), taxonomy.orgTypeLabel(profile.orgType)]);
  if (profile.country) rows.push([t('fields.country'), taxonomy.countryName(profile.country)]);
  if (profile.region) rows.push([t('fields.region'), taxonomy.regionLabel(profile.region)]);
  if (profile.languages.length > 0) {
    rows.push([t('fields.languages'), profile.languages.map((code) => languageName(code, locale)).join(', ')]);
  }
  if (profile.expertise.length > 0) {
    rows.push([
      t('fields.expertise'),
      <ul className="community-tags" key="expertise">
        {profile.expertise.map((tag) => (
          <li key={tag} className="badge">
            {tag}
          </li>
        ))}
      </ul>,
    ]);
  }
  if (profile.objectives.length > 0) {
    rows.push([
      t('fields.objectives'),
      <ObjectiveList key="objectives" numbers={profile.objectives} taxonomy={taxonomy} />,
    ]);
  }
  if (rows.length === 0) return null;
  return (
    <dl className="community-facts">
      {rows.map(([term, detail]) => (
        <div key={term} className="community-facts__row">
          <dt>{term}</dt>
          <dd>{detail}</dd>
        </div>
      ))}
    </dl>
  );
}

/** Objectives by number and short label. */
export function ObjectiveList({ numbers, taxonomy }: { numbers: number[]; taxonomy: Taxonomy }) {
  const { t } = useTranslation('community');
  return (
    <ul className="community-objective-list">
      {numbers.map((number) => {
        const objective = taxonomy.objective(number);
        return (
          <li key={number} title={objective?.title}>
            <span className="community-objectives__number">{t('objective.short', { number })}</span>{' '}
            {objective?.label ?? ''}
          </li>
        );
      })}
    </ul>
  );
}

/** A group's type, who sees it and how one joins, as badges. */
export function GroupBadges({ group }: { group: Group }) {
  const { t } = useTranslation('community');
  return (
    <ul className="community-badges" aria-label={t('groups.about')}>
      <li className="badge">{t(`groupType.${group.type}`)}</li>
      <li className="badge">{t(`groupVisibility.${group.visibility}`)}</li>
      <li className="badge">{t(`joinPolicy.${group.joinPolicy}`)}</li>
    </ul>
  );
}

/** The caller's place in a group, as a badge (nothing when they have none). */
export function ViewerBadge({ group }: { group: Group }) {
  const { t } = useTranslation('community');
  if (!group.viewer) return null;
  if (group.viewer.status === 'invited') return <span className="badge badge--accent">{t('membership.invited')}</span>;
  if (group.viewer.status === 'pending') return <span className="badge badge--warn">{t('membership.pending')}</span>;
  return <span className="badge badge--good">{t(`role.${group.viewer.role}`)}</span>;
}

/** A link to a member's profile (or their name alone when the account is gone). */
export function MemberLink({ id, name }: { id: string | null; name: string }) {
  return id ? <Link to={`/members/${id}`}>{name}</Link> : <span>{name}</span>;
}

/** A country for a country network, a region for a regional network (optional for other types). */
export function PlaceFields({
  type,
  taxonomy,
  country,
  setCountry,
  region,
  setRegion,
  errors,
}: {
  type: GroupType;
  taxonomy: Taxonomy;
  country: string;
  setCountry: (value: string) => void;
  region: string;
  setRegion: (value: string) => void;
  errors: { country?: string; region?: string };
}) {
  const { t } = useTranslation('community');
  return (
    <>
      <SelectField
        label={t('fields.country')}
        hint={type === 'country_network' ? t('newGroup.countryRequired') : undefined}
        value={country}
        onChange={(event) => setCountry(event.target.value)}
        required={type === 'country_network'}
        error={errors.country}
      >
        <option value="">{t('newGroup.none')}</option>
        {taxonomy.countries.map((option) => (
          <option key={option.code} value={option.code}>
            {option.name}
          </option>
        ))}
      </SelectField>
      <SelectField
        label={t('fields.region')}
        hint={type === 'regional_network' ? t('newGroup.regionRequired') : undefined}
        value={region}
        onChange={(event) => setRegion(event.target.value)}
        required={type === 'regional_network'}
        error={errors.region}
      >
        <option value="">{t('newGroup.none')}</option>
        {taxonomy.regions.map((option) => (
          <option key={option.key} value={option.key}>
            {option.label}
          </option>
        ))}
      </SelectField>
    </>
  );
}
