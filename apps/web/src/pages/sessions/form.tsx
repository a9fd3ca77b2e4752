import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/http';
import { Checkbox, SelectField, TextField } from '../../ui/Field';
import { ErrorNotice } from '../../ui/States';
import { useLanguageNames } from './languages';
import { isTimeZone, timeZones, useSessionTime, zonedToIso } from './time';

/**
 * A form's errors: its own checks first, then what the server said about each field (`details`), by the field's
 * path in the request body (`capacity.in_person`, `agenda.0.title`).
 */
export function fieldErrors(local: Record<string, string>, error: unknown) {
  const server = error instanceof ApiError ? error : null;
  return (field: string): string | undefined => local[field] ?? server?.problemWith(field);
}

/**
 * Above the submit button: "check the fields marked" when the server named fields (with any it named that the form
 * has no place for), or the error itself.
 */
export function FormProblem({ error, shown }: { error: unknown; shown: (field: string) => boolean }) {
  const { t } = useTranslation('sessions');
  if (!error) return null;
  if (error instanceof ApiError && error.details.length > 0) {
    const elsewhere = error.details.filter((detail) => !shown(detail.field));
    return (
      <div className="sessions-form-problem" role="alert">
        <p>{t('form.fixFields')}</p>
        {elsewhere.length > 0 && (
          <ul>
            {elsewhere.map((detail) => (
              <li key={detail.field}>
                <code>{detail.field}</code> {detail.problem}
              </li>
            ))}
          </ul>
        )}
      </div>
    );
  }
  return <ErrorNotice error={error} />;
}

/** A whole number of places, or null (no limit) for an empty field. */
export function placesOf(value: string): number | null {
  const trimmed = value.trim();
  return trimmed === '' ? null : Number(trimmed);
}

/** Places per attendance mode (empty: no limit) and whether registration is open. */
export function CapacityFields({
  inPerson,
  remote,
  registrationOpen,
  onInPerson,
  onRemote,
  onRegistrationOpen,
  errors,
  hint,
}: {
  inPerson: string;
  remote: string;
  registrationOpen: boolean;
  onInPerson: (value: string) => void;
  onRemote: (value: string) => void;
  onRegistrationOpen: (value: boolean) => void;
  errors: { inPerson?: string; remote?: string };
  hint: string;
}) {
  const { t } = useTranslation('sessions');
  return (
    <fieldset className="card sessions-fieldset">
      <legend>{t('form.registration')}</legend>
      <p className="field__hint">{hint}</p>
      <div className="sessions-grid">
        <TextField
          type="number"
          inputMode="numeric"
          min={1}
          max={100000}
          label={t('form.placesInPerson')}
          hint={t('form.placesHint')}
          value={inPerson}
          onChange={(e) => onInPerson(e.target.value)}
          error={errors.inPerson}
        />
        <TextField
          type="number"
          inputMode="numeric"
          min={1}
          max={100000}
          label={t('form.placesRemote')}
          hint={t('form.placesHint')}
          value={remote}
          onChange={(e) => onRemote(e.target.value)}
          error={errors.remote}
        />
      </div>
      <Checkbox
        label={t('form.registrationOpen')}
        checked={registrationOpen}
        onChange={(e) => onRegistrationOpen(e.target.checked)}
      />
    </fieldset>
  );
}

/** Interpretation channels: the chosen languages (removable) and a picker to add one. */
export function LanguagePicker({
  value,
  onChange,
  error,
}: {
  value: string[];
  onChange: (languages: string[]) => void;
  error?: string;
}) {
  const { t } = useTranslation('sessions');
  const names = useLanguageNames();
  const [pick, setPick] = useState('');
  const id = useId();
  return (
    <fieldset className="sessions-languages" aria-describedby={error ? `${id}-error` : undefined}>
      <legend>{t('form.languages')}</legend>
      <p className="field__hint">{t('form.languagesHint')}</p>
      {value.length > 0 ? (
        <ul className="sessions-chips">
          {value.map((code) => (
            <li key={code} className="sessions-chip">
              <span>{names.nameOf(code)}</span>
              <button
                type="button"
                className="button--quiet sessions-chip__remove"
                aria-label={t('form.removeLanguage', { language: names.nameOf(code) })}
                onClick={() => onChange(value.filter((item) => item !== code))}
              >
                <span aria-hidden="true">×</span>
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="sessions-note">{t('form.noLanguages')}</p>
      )}
      <div className="sessions-inline">
        <SelectField label={t('form.addLanguage')} value={pick} onChange={(event) => setPick(event.target.value)}>
          <option value="">{t('form.chooseLanguage')}</option>
          {names.choices(value).map((code) => (
            <option key={code} value={code}>
              {names.nameOf(code)}
            </option>
          ))}
        </SelectField>
        <button
          type="button"
          className="button--quiet"
          disabled={!pick}
          onClick={() => {
            onChange([...value, pick]);
            setPick('');
          }}
        >
          {t('form.addLanguageButton')}
        </button>
      </div>
      {error && (
        <p className="field__error" id={`${id}-error`} role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}

/** Start, end and the IANA zone they are on; a preview of the start in the viewer's own zone. */
export function TimeFields({
  starts,
  ends,
  timezone,
  onStarts,
  onEnds,
  onTimezone,
  errors,
}: {
  starts: string;
  ends: string;
  timezone: string;
  onStarts: (value: string) => void;
  onEnds: (value: string) => void;
  onTimezone: (value: string) => void;
  errors: { startsAt?: string; endsAt?: string; timezone?: string };
}) {
  const { t } = useTranslation('sessions');
  const time = useSessionTime();
  const listId = useId();
  const start = zonedToIso(starts, timezone);
  const end = zonedToIso(ends, timezone);
  const preview =
    start && end && isTimeZone(timezone) && new Date(end) > new Date(start) && !time.sameClocks(start, timezone)
      ? t('when.yourTime', { time: time.range(start, end, time.local) })
      : undefined;
  return (
    <fieldset className="card sessions-fieldset">
      <legend>{t('form.when')}</legend>
      <div className="sessions-grid">
        <TextField
          type="datetime-local"
          label={t('form.startsAt')}
          value={starts}
          onChange={(event) => onStarts(event.target.value)}
          required
          error={errors.startsAt}
        />
        <TextField
          type="datetime-local"
          label={t('form.endsAt')}
          value={ends}
          min={starts || undefined}
          onChange={(event) => onEnds(event.target.value)}
          required
          error={errors.endsAt}
        />
        <TextField
          label={t('form.timezone')}
          hint={t('form.timezoneHint')}
          value={timezone}
          list={listId}
          autoComplete="off"
          spellCheck={false}
          onChange={(event) => onTimezone(event.target.value)}
          required
          error={errors.timezone}
        />
      </div>
      <datalist id={listId}>
        {timeZones().map((zone) => (
          <option key={zone} value={zone} />
        ))}
      </datalist>
      {preview && <p className="sessions-note">{preview}</p>}
    </fieldset>
  );
}
