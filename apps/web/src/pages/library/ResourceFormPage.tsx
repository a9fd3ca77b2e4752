import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ChangeEvent, type FormEvent, type ReactNode, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError, api } from '../../api/http';
import { useMember } from '../../api/session';
import { currentLanguage } from '../../i18n';
import { SelectField, TextArea, TextField } from '../../ui/Field';
import { ErrorNotice, Loading } from '../../ui/States';
import { usePageTitle } from '../../ui/usePageTitle';
import { LANGUAGE_CODES, languageName, type Taxonomy, useTaxonomy } from '../community/community-api';
import {
  fileKind,
  type FileView,
  libraryKeys,
  RESOURCE_TYPES,
  type Resource,
  type ResourceType,
  sizeOf,
  uploadFile,
  usePrinciples,
} from './library-api';
import { LibraryNav, SignInFirst } from './library-ui';

/** The working languages of the community, offered first. */
const COMMON_LANGUAGES = ['en', 'fr', 'es', 'ar', 'pt', 'ru', 'zh'];
const ACCEPT = '.pdf,.docx,.xlsx,.pptx,.odt,.csv,.png,.jpg,.jpeg,.webp';
/** Fields the form shows the server's word next to. */
const FIELDS = [
  'type',
  'title',
  'abstract',
  'authors',
  'organisations',
  'year',
  'licence',
  'fileIds',
  'link',
  'objectives',
  'principles',
  'languages',
  'regions',
  'countries',
  'tags',
] as const;

interface Upload {
  key: string;
  name: string;
  size: number;
  progress: number;
  status: 'uploading' | 'done' | 'failed';
  error?: unknown;
  file?: FileView;
}

interface Draft {
  type: ResourceType;
  title: string;
  abstract: string;
  authors: string;
  organisations: string;
  year: string;
  licence: string;
  link: string;
  objectives: number[];
  principles: string[];
  languages: string[];
  regions: string[];
  countries: string[];
  tags: string;
}

const lines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
const commaList = (text: string) => [
  ...new Set(
    text
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean),
  ),
];

function draftOf(resource: Resource | undefined): Draft {
  return {
    type: resource?.type ?? 'publication',
    title: resource?.title ?? '',
    abstract: resource?.abstract ?? '',
    authors: resource?.authors.join('\n') ?? '',
    organisations: resource?.organisations.join('\n') ?? '',
    year: resource?.year ? String(resource.year) : '',
    licence: resource?.licence ?? '',
    link: resource?.link ?? '',
    objectives: resource?.objectives ?? [],
    principles: resource?.principles ?? [],
    languages: resource?.languages ?? [currentLanguage()],
    regions: resource?.regions ?? [],
    countries: resource?.countries ?? [],
    tags: resource?.tags.join(', ') ?? '',
  };
}

/** `/library/submit` and `/library/r/:id/edit`: a resource's description, files and classification, then review. */
export function ResourceFormPage() {
  const { t } = useTranslation('library');
  const { id } = useParams();
  const member = useMember();
  const taxonomy = useTaxonomy();
  const principles = usePrinciples();
  const found = useQuery({
    queryKey: libraryKeys.resource(id ?? '', member?.id ?? null),
    queryFn: ({ signal }) => api<Resource>(`/resources/${id}`, { signal }),
    enabled: Boolean(id) && member !== null,
  });
  const title = id ? t('form.editTitle') : t('form.title');
  usePageTitle(title);

  let body: ReactNode;
  if (!member) body = <SignInFirst text={t('form.signIn')} />;
  else if ((id && found.isPending) || !taxonomy.ready || !principles.ready) {
    body =
      taxonomy.error || principles.error ? <ErrorNotice error={taxonomy.error ?? principles.error} /> : <Loading />;
  } else if (id && !found.data) body = <ErrorNotice error={found.error} onRetry={() => void found.refetch()} />;
  else if (found.data && !found.data.viewer.canEdit) {
    body = (
      <p className="library-notice library-notice--warn">
        {t('form.notEditable')} <Link to={`/library/r/${found.data.id}`}>{t('form.backToResource')}</Link>
      </p>
    );
  } else {
    body = (
      <ResourceForm
        key={found.data?.id ?? 'new'}
        resource={found.data}
        taxonomy={taxonomy}
        principles={principles.items}
      />
    );
  }
  return (
    <div className="page library-form-page">
      <LibraryNav />
      <h1>{title}</h1>
      <p className="lead">{t('form.lead')}</p>
      {body}
    </div>
  );
}

function ResourceForm({
  resource,
  taxonomy,
  principles,
}: {
  resource: Resource | undefined;
  taxonomy: Taxonomy;
  principles: { key: string; label: string }[];
}) {
  const { t } = useTranslation('library');
  const navigate = useNavigate();
  const queries = useQueryClient();
  const [draft, setDraft] = useState<Draft>(() => draftOf(resource));
  const [kept, setKept] = useState<FileView[]>(resource?.files ?? []);
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [local, setLocal] = useState<Record<string, string>>({});
  const counter = useRef(0);
  const [savedId, setSavedId] = useState(resource?.id);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    setDraft((current) => ({ ...current, [key]: value }));
    setLocal((current) => ({ ...current, [key]: '' }));
  };
  const toggle = <T,>(list: T[], value: T) =>
    list.includes(value) ? list.filter((item) => item !== value) : [...list, value];

  const uploading = uploads.some((upload) => upload.status === 'uploading');
  const fileIds = [
    ...kept.map((file) => file.id),
    ...uploads.flatMap((upload) => (upload.status === 'done' && upload.file ? [upload.file.id] : [])),
  ];

  const addFiles = (event: ChangeEvent<HTMLInputElement>) => {
    const chosen = [...(event.target.files ?? [])];
    event.target.value = '';
    for (const file of chosen) {
      counter.current += 1;
      const key = `upload-${counter.current}`;
      const patch = (changes: Partial<Upload>) =>
        setUploads((current) => current.map((upload) => (upload.key === key ? { ...upload, ...changes } : upload)));
      setUploads((current) => [
        ...current,
        { key, name: file.name, size: file.size, progress: 0, status: 'uploading' },
      ]);
      uploadFile(file, (progress) => patch({ progress }))
        .then((stored) => patch({ status: 'done', progress: 100, file: stored }))
        .catch((error: unknown) => patch({ status: 'failed', error }));
    }
    setLocal((current) => ({ ...current, fileIds: '' }));
  };

  const save = useMutation({
    mutationFn: async (submit: boolean) => {
      const body: Record<string, unknown> = {
        type: draft.type,
        title: draft.title.trim(),
        abstract: draft.abstract.trim(),
        authors: lines(draft.authors),
        organisations: lines(draft.organisations),
        languages: draft.languages,
        countries: draft.countries,
        regions: draft.regions,
        objectives: [...draft.objectives].sort((a, b) => a - b),
        principles: draft.principles,
        tags: commaList(draft.tags),
        fileIds,
      };
      if (draft.year.trim()) body.year = Number(draft.year);
      if (draft.link.trim()) body.link = draft.link.trim();
      if (draft.licence.trim()) body.licence = draft.licence.trim();
      const saved = savedId
        ? await api<Resource>(`/resources/${savedId}`, { method: 'PATCH', body })
        : await api<Resource>('/resources', { method: 'POST', body });
      // Saved: should the submission fail, the form edits this draft from here on.
      setSavedId(saved.id);
      if (!submit) return { saved, submitted: false };
      return { saved: await api<Resource>(`/resources/${saved.id}/submit`, { method: 'POST' }), submitted: true };
    },
    onSuccess: ({ saved, submitted }) => {
      void queries.invalidateQueries({ queryKey: libraryKeys.all });
      navigate(`/library/r/${saved.id}`, {
        state: { notice: submitted ? t('form.submittedNotice') : t('form.savedNotice') },
      });
    },
  });

  const server = save.error instanceof ApiError ? save.error : null;
  const problem = (field: string): string | undefined =>
    local[field] ||
    server?.details.find((detail) => detail.field === field || detail.field.startsWith(`${field}.`))?.problem;
  const placed = (field: string) => FIELDS.some((name) => field === name || field.startsWith(`${name}.`));

  const check = (submit: boolean): boolean => {
    const found: Record<string, string> = {};
    if (draft.title.trim().length < 2) found.title = t('form.required.title');
    if (!draft.abstract.trim()) found.abstract = t('form.required.abstract');
    if (draft.languages.length === 0) found.languages = t('form.required.languages');
    if (draft.objectives.length === 0) found.objectives = t('form.required.objectives');
    if (submit && fileIds.length === 0 && !draft.link.trim()) found.fileIds = t('form.required.files');
    setLocal(found);
    return Object.keys(found).length === 0;
  };
  const send = (submit: boolean) => (event?: FormEvent) => {
    event?.preventDefault();
    if (uploading || !check(submit)) return;
    save.mutate(submit);
  };
  const resubmit = resource?.status === 'changes_requested';

  return (
    <form className="library-form" onSubmit={send(true)} noValidate>
      <section className="card" aria-labelledby="form-about">
        <h2 id="form-about">{t('form.about')}</h2>
        <SelectField
          label={t('fields.type')}
          value={draft.type}
          onChange={(event) => set('type', event.target.value as ResourceType)}
          error={problem('type')}
        >
          {RESOURCE_TYPES.map((type) => (
            <option key={type} value={type}>
              {t(`types.${type}`)}
            </option>
          ))}
        </SelectField>
        <TextField
          label={t('fields.title')}
          value={draft.title}
          onChange={(event) => set('title', event.target.value)}
          maxLength={300}
          required
          error={problem('title')}
        />
        <TextArea
          label={t('fields.abstract')}
          hint={t('form.abstractHint')}
          value={draft.abstract}
          onChange={(event) => set('abstract', event.target.value)}
          maxLength={10_000}
          rows={7}
          required
          error={problem('abstract')}
        />
        <div className="library-grid">
          <TextArea
            label={t('fields.authors')}
            hint={t('form.onePerLine')}
            value={draft.authors}
            onChange={(event) => set('authors', event.target.value)}
            rows={3}
            error={problem('authors')}
          />
          <TextArea
            label={t('fields.organisations')}
            hint={t('form.onePerLine')}
            value={draft.organisations}
            onChange={(event) => set('organisations', event.target.value)}
            rows={3}
            error={problem('organisations')}
          />
          <TextField
            label={t('fields.year')}
            type="number"
            inputMode="numeric"
            min={1900}
            max={2100}
            value={draft.year}
            onChange={(event) => set('year', event.target.value)}
            error={problem('year')}
          />
          <TextField
            label={t('fields.licence')}
            hint={t('form.licenceHint')}
            value={draft.licence}
            onChange={(event) => set('licence', event.target.value)}
            maxLength={100}
            error={problem('licence')}
          />
        </div>
      </section>

      <section className="card" aria-labelledby="form-files">
        <h2 id="form-files">{t('form.filesTitle')}</h2>
        <p className="field__hint">{t('form.filesLead')}</p>
        <FileInput onChange={addFiles} error={problem('fileIds')} />
        {(kept.length > 0 || uploads.length > 0) && (
          <ul className="list library-uploads" aria-label={t('form.fileList')}>
            {kept.map((file) => (
              <li key={file.id} className="library-upload">
                <span className="library-file__icon" aria-hidden="true">
                  {fileKind(file)}
                </span>
                <span className="library-upload__body">
                  <span className="library-file__title">{file.name}</span>
                  <span className="library-file__meta">{sizeOf(file.size, currentLanguage())}</span>
                </span>
                <button
                  type="button"
                  className="button--quiet"
                  aria-label={t('form.removeFile', { name: file.name })}
                  onClick={() => setKept(kept.filter((other) => other.id !== file.id))}
                >
                  {t('form.remove')}
                </button>
              </li>
            ))}
            {uploads.map((upload) => (
              <UploadRow
                key={upload.key}
                upload={upload}
                onRemove={() => setUploads(uploads.filter((other) => other.key !== upload.key))}
              />
            ))}
          </ul>
        )}
        <TextField
          label={t('fields.link')}
          hint={t('form.linkHint')}
          type="url"
          inputMode="url"
          value={draft.link}
          onChange={(event) => set('link', event.target.value)}
          error={problem('link')}
        />
      </section>

      <section className="card" aria-labelledby="form-classification">
        <h2 id="form-classification">{t('form.classification')}</h2>
        <CheckboxGroup
          legend={t('fields.objectives')}
          hint={t('form.objectivesHint')}
          error={problem('objectives')}
          columns
          options={taxonomy.objectives.map((objective) => ({
            value: objective.number,
            label: t('objectiveOption', { number: objective.number, label: objective.label }),
            title: objective.title,
          }))}
          chosen={draft.objectives}
          onToggle={(value) => set('objectives', toggle(draft.objectives, value))}
        />
        <CheckboxGroup
          legend={t('fields.principles')}
          error={problem('principles')}
          columns
          options={principles.map((principle) => ({ value: principle.key, label: principle.label }))}
          chosen={draft.principles}
          onToggle={(value) => set('principles', toggle(draft.principles, value))}
        />
        <Languages chosen={draft.languages} onChange={(next) => set('languages', next)} error={problem('languages')} />
        <CheckboxGroup
          legend={t('fields.regions')}
          error={problem('regions')}
          columns
          options={taxonomy.regions.map((region) => ({ value: region.key, label: region.label }))}
          chosen={draft.regions}
          onToggle={(value) => set('regions', toggle(draft.regions, value))}
        />
        <Countries
          taxonomy={taxonomy}
          chosen={draft.countries}
          onChange={(next) => set('countries', next)}
          error={problem('countries')}
        />
        <TextField
          label={t('fields.tags')}
          hint={t('form.tagsHint')}
          value={draft.tags}
          onChange={(event) => set('tags', event.target.value)}
          error={problem('tags')}
        />
      </section>

      <div className="library-savebar">
        {server && server.details.length > 0 ? (
          <div className="library-notice library-notice--bad" role="alert">
            <p>{t('form.fixFields')}</p>
            {server.details.some((detail) => !placed(detail.field)) && (
              <ul>
                {server.details
                  .filter((detail) => !placed(detail.field))
                  .map((detail) => (
                    <li key={detail.field}>
                      <code>{detail.field}</code> {detail.problem}
                    </li>
                  ))}
              </ul>
            )}
          </div>
        ) : save.error ? (
          <ErrorNotice error={save.error} />
        ) : Object.values(local).some(Boolean) ? (
          <p className="library-notice library-notice--bad" role="alert">
            {t('form.fixFields')}
          </p>
        ) : null}
        <p className="library-status" role="status">
          {uploading ? t('form.waitUploads') : save.isPending ? t('form.saving') : ''}
        </p>
        <div className="toolbar">
          {!resubmit && (
            <button
              type="button"
              className="button--quiet"
              onClick={send(false)}
              disabled={uploading || save.isPending}
            >
              {t('form.saveDraft')}
            </button>
          )}
          {resubmit && (
            <button
              type="button"
              className="button--quiet"
              onClick={send(false)}
              disabled={uploading || save.isPending}
            >
              {t('form.saveRevision')}
            </button>
          )}
          <button type="submit" disabled={uploading || save.isPending}>
            {resubmit ? t('form.resubmit') : t('form.submit')}
          </button>
        </div>
      </div>
    </form>
  );
}

function FileInput({ onChange, error }: { onChange: (event: ChangeEvent<HTMLInputElement>) => void; error?: string }) {
  const { t } = useTranslation('library');
  const id = useId();
  return (
    <div className={`field library-dropzone${error ? ' field--invalid' : ''}`}>
      <label htmlFor={id}>{t('form.addFiles')}</label>
      <input
        id={id}
        type="file"
        multiple
        accept={ACCEPT}
        onChange={onChange}
        aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
      />
      <div className="field__hint" id={`${id}-hint`}>
        {t('form.filesHint')}
      </div>
      {error && (
        <div className="field__error" id={`${id}-error`} role="alert">
          {error}
        </div>
      )}
    </div>
  );
}

/** One upload: a progress bar while it travels (and full once stored), or why it failed. */
function UploadRow({ upload, onRemove }: { upload: Upload; onRemove: () => void }) {
  const { t } = useTranslation('library');
  const failed = upload.status === 'failed';
  const error = upload.error instanceof ApiError ? upload.error : null;
  const reason = !failed
    ? ''
    : error?.status === 413
      ? t('form.tooLarge')
      : error?.status === 415
        ? t('form.wrongType')
        : error?.status === 0
          ? t('common:errors.network')
          : (error?.message ?? t('common:errors.unexpected'));
  return (
    <li className={`library-upload${failed ? ' library-upload--failed' : ''}`}>
      <span className="library-file__icon" aria-hidden="true">
        {/\.([a-z0-9]{2,5})$/i.exec(upload.name)?.[1]?.toUpperCase() ?? ''}
      </span>
      <span className="library-upload__body">
        <span className="library-file__title">{upload.name}</span>
        {failed ? (
          <span className="field__error" role="alert">
            {t('form.uploadFailed', { name: upload.name })} {reason}
          </span>
        ) : (
          <>
            <span
              className="library-progress"
              role="progressbar"
              aria-label={t('form.uploadProgress', { name: upload.name })}
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={upload.progress}
              aria-valuetext={t('form.percent', { value: upload.progress })}
            >
              <span style={{ width: `${upload.progress}%` }} />
            </span>
            <span className="library-file__meta" aria-live="polite">
              {upload.status === 'done'
                ? t('form.uploaded', { size: sizeOf(upload.size, currentLanguage()) })
                : t('form.percent', { value: upload.progress })}
            </span>
          </>
        )}
      </span>
      {upload.status !== 'uploading' && (
        <button
          type="button"
          className="button--quiet"
          aria-label={t('form.removeFile', { name: upload.name })}
          onClick={onRemove}
        >
          {t('form.remove')}
        </button>
      )}
    </li>
  );
}

function CheckboxGroup<T extends string | number>({
  legend,
  hint,
  error,
  options,
  chosen,
  onToggle,
  columns = false,
}: {
  legend: string;
  hint?: string;
  error?: string;
  options: { value: T; label: string; title?: string }[];
  chosen: T[];
  onToggle: (value: T) => void;
  columns?: boolean;
}) {
  const id = useId();
  return (
    <fieldset
      className={`library-fieldset${error ? ' library-fieldset--invalid' : ''}`}
      aria-describedby={[hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined}
    >
      <legend>{legend}</legend>
      {hint && (
        <p className="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      <ul className={`library-checks${columns ? ' library-checks--columns' : ''}`}>
        {options.map((option) => (
          <li key={String(option.value)}>
            <label className="library-check" title={option.title}>
              <input type="checkbox" checked={chosen.includes(option.value)} onChange={() => onToggle(option.value)} />
              <span>{option.label}</span>
            </label>
          </li>
        ))}
      </ul>
      {error && (
        <p className="field__error" id={`${id}-error`} role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}

function Languages({
  chosen,
  onChange,
  error,
}: {
  chosen: string[];
  onChange: (next: string[]) => void;
  error?: string;
}) {
  const { t } = useTranslation('library');
  const locale = currentLanguage();
  const collator = new Intl.Collator(locale);
  const shown = [...COMMON_LANGUAGES, ...chosen.filter((code) => !COMMON_LANGUAGES.includes(code))];
  const others = LANGUAGE_CODES.filter((code) => !shown.includes(code))
    .map((code) => ({ code, name: languageName(code, locale) }))
    .sort((a, b) => collator.compare(a.name, b.name));
  return (
    <div className="library-languages">
      <CheckboxGroup
        legend={t('fields.languages')}
        hint={t('form.languagesHint')}
        error={error}
        columns
        options={shown.map((code) => ({ value: code, label: languageName(code, locale) }))}
        chosen={chosen}
        onToggle={(code) => onChange(chosen.includes(code) ? chosen.filter((c) => c !== code) : [...chosen, code])}
      />
      <SelectField
        label={t('form.otherLanguage')}
        value=""
        onChange={(event) => event.target.value && onChange([...chosen, event.target.value])}
      >
        <option value="">{t('form.chooseLanguage')}</option>
        {others.map((option) => (
          <option key={option.code} value={option.code}>
            {option.name}
          </option>
        ))}
      </SelectField>
    </div>
  );
}

function Countries({
  taxonomy,
  chosen,
  onChange,
  error,
}: {
  taxonomy: Taxonomy;
  chosen: string[];
  onChange: (next: string[]) => void;
  error?: string;
}) {
  const { t } = useTranslation('library');
  return (
    <div className="library-countries">
      <SelectField
        label={t('form.addCountry')}
        hint={t('form.countriesHint')}
        value=""
        onChange={(event) => event.target.value && onChange([...chosen, event.target.value])}
        error={error}
      >
        <option value="">{t('form.chooseCountry')}</option>
        {taxonomy.countries
          .filter((country) => !chosen.includes(country.code))
          .map((country) => (
            <option key={country.code} value={country.code}>
              {country.name}
            </option>
          ))}
      </SelectField>
      {chosen.length > 0 && (
        <ul className="library-chips" aria-label={t('fields.countries')}>
          {chosen.map((code) => (
            <li key={code} className="library-chip">
              <span>{taxonomy.countryName(code)}</span>
              <button
                type="button"
                className="button--quiet"
                aria-label={t('form.removeCountry', { name: taxonomy.countryName(code) })}
                onClick={() => onChange(chosen.filter((other) => other !== code))}
              >
                <span aria-hidden="true">×</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
