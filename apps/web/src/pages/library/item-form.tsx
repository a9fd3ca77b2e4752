import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ChangeEvent, type FormEvent, type ReactNode, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError, api } from '../../api/http';
import { useMember } from '../../api/session';
import { currentLanguage } from '../../i18n';
import { FieldGroup, SelectField, TextField } from '../../ui/Field';
import { ErrorNotice, Loading } from '../../ui/States';
import { usePageTitle } from '../../ui/usePageTitle';
import { LANGUAGE_CODES, languageName, type Taxonomy, useTaxonomy } from '../community/community-api';
import {
  fileKind,
  type FileView,
  type ItemKind,
  itemApi,
  itemPage,
  KINDS,
  type LibraryItem,
  libraryKeys,
  sizeOf,
  uploadFile,
  usePrinciples,
} from './library-api';
import { LibraryNav, SignInFirst } from './library-ui';

/**
 * What the forms of both kinds share: the page around them (signed in, the item loaded, editable), the uploads, the
 * classification, the save (then, if asked, the submission) and the server's word next to each field.
 */

/** The working languages of the community, offered first. */
const COMMON_LANGUAGES = ['en', 'fr', 'es', 'ar', 'pt', 'ru', 'zh'];
const ACCEPT = '.pdf,.docx,.xlsx,.pptx,.odt,.csv,.png,.jpg,.jpeg,.webp';
/** The fields of the classification section, which both kinds have. */
export const CLASSIFICATION_FIELDS = ['objectives', 'principles', 'languages', 'regions', 'countries', 'tags'] as const;
/** Where each kind's form finds its own words (title, lead…); the rest is shared under `form`. */
const TEXTS: Record<ItemKind, string> = { resource: 'form', initiative: 'initiativeForm' };

interface Upload {
  key: string;
  name: string;
  size: number;
  progress: number;
  status: 'uploading' | 'done' | 'failed';
  error?: unknown;
  file?: FileView;
}

export interface ClassificationDraft {
  objectives: number[];
  principles: string[];
  languages: string[];
  regions: string[];
  countries: string[];
  tags: string;
}

export const lines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
export const commaList = (text: string) => [
  ...new Set(
    text
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean),
  ),
];

export function classificationOf(item: LibraryItem | undefined): ClassificationDraft {
  return {
    objectives: item?.objectives ?? [],
    principles: item?.principles ?? [],
    languages: item?.languages ?? [currentLanguage()],
    regions: item?.regions ?? [],
    countries: item?.countries ?? [],
    tags: item?.tags.join(', ') ?? '',
  };
}

/** The classification as the API takes it. */
export function classificationBody(draft: ClassificationDraft): Record<string, unknown> {
  return {
    languages: draft.languages,
    countries: draft.countries,
    regions: draft.regions,
    objectives: [...draft.objectives].sort((a, b) => a - b),
    principles: draft.principles,
    tags: commaList(draft.tags),
  };
}

export interface FormProps<T extends LibraryItem> {
  item: T | undefined;
  taxonomy: Taxonomy;
  principles: { key: string; label: string }[];
}

/** `…/new` and `…/:id/edit` of a kind: signed in, the item loaded and open to edits, then its form. */
export function ItemFormPage<T extends LibraryItem>({
  kind,
  Form,
}: {
  kind: T['kind'];
  Form: (props: FormProps<T>) => ReactNode;
}) {
  const { t } = useTranslation('library');
  const prefix: string = TEXTS[kind];
  const own = (key: string) => t(`${prefix}.${key}`);
  const { id } = useParams();
  const member = useMember();
  const taxonomy = useTaxonomy();
  const principles = usePrinciples();
  const found = useQuery({
    queryKey: libraryKeys.item(kind, id ?? '', member?.id ?? null),
    queryFn: ({ signal }) => api<T>(itemApi({ kind, id: id ?? '' }), { signal }),
    enabled: Boolean(id) && member !== null,
  });
  const title = id ? own('editTitle') : own('title');
  usePageTitle(title);

  let body: ReactNode;
  if (!member) body = <SignInFirst text={own('signIn')} />;
  else if ((id && found.isPending) || !taxonomy.ready || !principles.ready) {
    body =
      taxonomy.error || principles.error ? <ErrorNotice error={taxonomy.error ?? principles.error} /> : <Loading />;
  } else if (id && !found.data) body = <ErrorNotice error={found.error} onRetry={() => void found.refetch()} />;
  else if (found.data && !found.data.viewer.canEdit) {
    body = (
      <p className="library-notice library-notice--warn">
        {own('notEditable')} <Link to={itemPage(found.data)}>{own('backToItem')}</Link>
      </p>
    );
  } else {
    body = <Form key={found.data?.id ?? 'new'} item={found.data} taxonomy={taxonomy} principles={principles.items} />;
  }
  return (
    <div className="page library-form-page">
      <LibraryNav />
      <h1>{title}</h1>
      <p className="lead">{own('lead')}</p>
      {body}
    </div>
  );
}

/**
 * A form's state beyond its own fields: the files kept and uploading, the form's own checks, the save (a draft, or
 * saved then submitted) and the server's problems, each shown next to its field when the form has it.
 */
export function useItemForm(kind: ItemKind, item: LibraryItem | undefined, fields: readonly string[]) {
  const { t } = useTranslation('library');
  const navigate = useNavigate();
  const queries = useQueryClient();
  const [kept, setKept] = useState<FileView[]>(item?.files ?? []);
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [local, setLocal] = useState<Record<string, string>>({});
  const counter = useRef(0);
  const [savedId, setSavedId] = useState(item?.id);

  const uploading = uploads.some((upload) => upload.status === 'uploading');
  const fileIds = [
    ...kept.map((file) => file.id),
    ...uploads.flatMap((upload) => (upload.status === 'done' && upload.file ? [upload.file.id] : [])),
  ];
  const forget = (field: string) => setLocal((current) => ({ ...current, [field]: '' }));

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
    forget('fileIds');
  };

  const save = useMutation({
    mutationFn: async ({ body, submit }: { body: Record<string, unknown>; submit: boolean }) => {
      const saved = savedId
        ? await api<LibraryItem>(itemApi({ kind, id: savedId }), { method: 'PATCH', body: { ...body, fileIds } })
        : await api<LibraryItem>(KINDS[kind].api, { method: 'POST', body: { ...body, fileIds } });
      // Saved: should the submission fail, the form edits this draft from here on.
      setSavedId(saved.id);
      if (!submit) return { saved, submitted: false };
      return { saved: await api<LibraryItem>(`${itemApi(saved)}/submit`, { method: 'POST' }), submitted: true };
    },
    onSuccess: ({ saved, submitted }) => {
      void queries.invalidateQueries({ queryKey: libraryKeys.all });
      navigate(itemPage(saved), {
        state: { notice: submitted ? t('form.submittedNotice') : t('form.savedNotice') },
      });
    },
  });

  const server = save.error instanceof ApiError ? save.error : null;
  const problem = (field: string): string | undefined =>
    local[field] ||
    server?.details.find((detail) => detail.field === field || detail.field.startsWith(`${field}.`))?.problem;
  const placed = (field: string) =>
    [...fields, ...CLASSIFICATION_FIELDS, 'fileIds'].some((name) => field === name || field.startsWith(`${name}.`));

  /** Checks the form (`check` names each field's problem), then saves, and submits if asked. */
  const send =
    (submit: boolean, check: () => Record<string, string>, body: () => Record<string, unknown>) =>
    (event?: FormEvent) => {
      event?.preventDefault();
      if (uploading) return;
      const found = check();
      setLocal(found);
      if (Object.keys(found).length === 0) save.mutate({ body: body(), submit });
    };

  return {
    files: { kept, setKept, uploads, setUploads, addFiles },
    uploading,
    fileIds,
    local,
    forget,
    save,
    server,
    problem,
    placed,
    send,
    resubmit: item?.status === 'changes_requested',
  };
}

export type ItemForm = ReturnType<typeof useItemForm>;

/** A form's own fields: `set` one, `merge` several; either clears the form's word on them. */
export function useDraft<D extends object>(initial: () => D, form: ItemForm) {
  const [draft, setDraft] = useState<D>(initial);
  const merge = (changes: Partial<D>) => {
    setDraft((current) => ({ ...current, ...changes }));
    for (const key of Object.keys(changes)) form.forget(key);
  };
  const set = <K extends keyof D>(key: K, value: D[K]) => {
    setDraft((current) => ({ ...current, [key]: value }));
    form.forget(String(key));
  };
  /** A text, date or choice field's props: the draft's value, its change, and the word about it (the form's or the server's). */
  const field = <K extends TextKey<D>>(key: K) => ({
    value: draft[key] as string,
    onChange: (event: ChangeEvent<{ value: string }>) => set(key, event.target.value as D[K]),
    error: form.problem(String(key)),
  });
  return { draft, set, merge, field };
}

/** The draft's fields that hold text (a choice among strings included). */
type TextKey<D> = { [K in keyof D]: D[K] extends string ? K : never }[keyof D];

/** The files kept and uploading, the input to add more, and (as children) the link fields after them. */
export function FilesCard({ form, lead, children }: { form: ItemForm; lead: string; children?: ReactNode }) {
  const { t } = useTranslation('library');
  const { kept, setKept, uploads, setUploads, addFiles } = form.files;
  return (
    <section className="card" aria-labelledby="form-files">
      <h2 id="form-files">{t('form.filesTitle')}</h2>
      <p className="field__hint">{lead}</p>
      <FileInput onChange={addFiles} error={form.problem('fileIds')} />
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
      {children}
    </section>
  );
}

/** The GCM objectives and principles, languages, regions, countries and tags of an item. */
export function ClassificationCard({
  draft,
  onChange,
  form,
  taxonomy,
  principles,
}: {
  draft: ClassificationDraft;
  onChange: (changes: Partial<ClassificationDraft>) => void;
  form: ItemForm;
  taxonomy: Taxonomy;
  principles: { key: string; label: string }[];
}) {
  const { t } = useTranslation('library');
  const toggle = <T,>(list: T[], value: T) =>
    list.includes(value) ? list.filter((item) => item !== value) : [...list, value];
  const problem = form.problem;
  const set = <K extends keyof ClassificationDraft>(key: K, value: ClassificationDraft[K]) =>
    onChange({ [key]: value });
  return (
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
  );
}

/** The form's verdict (the server's problems not shown at a field listed), its progress and its two buttons. */
export function SaveBar({ form, onDraft }: { form: ItemForm; onDraft: () => void }) {
  const { t } = useTranslation('library');
  const { server, save, uploading, placed, local, resubmit } = form;
  return (
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
        <button type="button" className="button--quiet" onClick={onDraft} disabled={uploading || save.isPending}>
          {resubmit ? t('form.saveRevision') : t('form.saveDraft')}
        </button>
        <button type="submit" disabled={uploading || save.isPending}>
          {resubmit ? t('form.resubmit') : t('form.submit')}
        </button>
      </div>
    </div>
  );
}

function FileInput({ onChange, error }: { onChange: (event: ChangeEvent<HTMLInputElement>) => void; error?: string }) {
  const { t } = useTranslation('library');
  return (
    <TextField
      className="library-dropzone"
      label={t('form.addFiles')}
      hint={t('form.filesHint')}
      type="file"
      multiple
      accept={ACCEPT}
      onChange={onChange}
      error={error}
    />
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

export function CheckboxGroup<T extends string | number>({
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
  return (
    <FieldGroup className="library-fieldset" legend={legend} hint={hint} error={error}>
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
    </FieldGroup>
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
