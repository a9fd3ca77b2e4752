import { useTranslation } from 'react-i18next';
import { SelectField, TextArea, TextField } from '../../ui/Field';
import {
  ClassificationCard,
  type ClassificationDraft,
  classificationBody,
  classificationOf,
  FilesCard,
  type FormProps,
  ItemFormPage,
  lines,
  SaveBar,
  useDraft,
  useItemForm,
} from './item-form';
import { RESOURCE_TYPES, type Resource, type ResourceType } from './library-api';

/** Fields the form shows the server's word next to, besides the classification and the files. */
const FIELDS = ['type', 'title', 'abstract', 'authors', 'organisations', 'year', 'licence', 'link'] as const;

interface Draft extends ClassificationDraft {
  type: ResourceType;
  title: string;
  abstract: string;
  authors: string;
  organisations: string;
  year: string;
  licence: string;
  link: string;
}

function draftOf(resource: Resource | undefined): Draft {
  return {
    ...classificationOf(resource),
    type: resource?.type ?? 'publication',
    title: resource?.title ?? '',
    abstract: resource?.abstract ?? '',
    authors: resource?.authors.join('\n') ?? '',
    organisations: resource?.organisations.join('\n') ?? '',
    year: resource?.year ? String(resource.year) : '',
    licence: resource?.licence ?? '',
    link: resource?.link ?? '',
  };
}

/** `/library/submit` and `/library/r/:id/edit`: a resource's description, files and classification, then review. */
export function ResourceFormPage() {
  return <ItemFormPage<Resource> kind="resource" Form={ResourceForm} />;
}

function ResourceForm({ item: resource, taxonomy, principles }: FormProps<Resource>) {
  const { t } = useTranslation('library');
  const form = useItemForm('resource', resource, FIELDS);
  const { draft, merge, field } = useDraft(() => draftOf(resource), form);

  const check = (submit: boolean) => () => {
    const found: Record<string, string> = {};
    if (draft.title.trim().length < 2) found.title = t('form.required.title');
    if (!draft.abstract.trim()) found.abstract = t('form.required.abstract');
    if (draft.languages.length === 0) found.languages = t('form.required.languages');
    if (draft.objectives.length === 0) found.objectives = t('form.required.objectives');
    if (submit && form.fileIds.length === 0 && !draft.link.trim()) found.fileIds = t('form.required.files');
    return found;
  };
  const body = () => {
    const sent: Record<string, unknown> = {
      type: draft.type,
      title: draft.title.trim(),
      abstract: draft.abstract.trim(),
      authors: lines(draft.authors),
      organisations: lines(draft.organisations),
      ...classificationBody(draft),
    };
    if (draft.year.trim()) sent.year = Number(draft.year);
    if (draft.link.trim()) sent.link = draft.link.trim();
    if (draft.licence.trim()) sent.licence = draft.licence.trim();
    return sent;
  };

  return (
    <form className="library-form" onSubmit={form.send(true, check(true), body)} noValidate>
      <section className="card" aria-labelledby="form-about">
        <h2 id="form-about">{t('form.about')}</h2>
        <SelectField label={t('fields.type')} {...field('type')}>
          {RESOURCE_TYPES.map((type) => (
            <option key={type} value={type}>
              {t(`types.${type}`)}
            </option>
          ))}
        </SelectField>
        <TextField label={t('fields.title')} {...field('title')} maxLength={300} required />
        <TextArea
          label={t('fields.abstract')}
          hint={t('form.abstractHint')}
          {...field('abstract')}
          maxLength={10_000}
          rows={7}
          required
        />
        <div className="library-grid">
          <TextArea label={t('fields.authors')} hint={t('form.onePerLine')} {...field('authors')} rows={3} />
          <TextArea
            label={t('fields.organisations')}
            hint={t('form.onePerLine')}
            {...field('organisations')}
            rows={3}
          />
          <TextField
            label={t('fields.year')}
            type="number"
            inputMode="numeric"
            min={1900}
            max={2100}
            {...field('year')}
          />
          <TextField label={t('fields.licence')} hint={t('form.licenceHint')} {...field('licence')} maxLength={100} />
        </div>
      </section>

      <FilesCard form={form} lead={t('form.filesLead')}>
        <TextField label={t('fields.link')} hint={t('form.linkHint')} type="url" inputMode="url" {...field('link')} />
      </FilesCard>

      <ClassificationCard draft={draft} onChange={merge} form={form} taxonomy={taxonomy} principles={principles} />
      <SaveBar form={form} onDraft={form.send(false, check(false), body)} />
    </form>
  );
}
