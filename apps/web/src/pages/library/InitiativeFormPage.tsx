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
import { type Initiative, INITIATIVE_STAGES, type InitiativeStage } from './library-api';

/** Fields the form shows the server's word next to, besides the classification and the files. */
const FIELDS = [
  'title',
  'summary',
  'leadOrganisation',
  'partnerOrganisations',
  'period',
  'stage',
  'results',
  'links',
] as const;

interface Draft extends ClassificationDraft {
  title: string;
  summary: string;
  leadOrganisation: string;
  partnerOrganisations: string;
  start: string;
  end: string;
  stage: InitiativeStage;
  results: string;
  links: string;
}

function draftOf(initiative: Initiative | undefined): Draft {
  return {
    ...classificationOf(initiative),
    title: initiative?.title ?? '',
    summary: initiative?.summary ?? '',
    leadOrganisation: initiative?.leadOrganisation ?? '',
    partnerOrganisations: initiative?.partnerOrganisations.join('\n') ?? '',
    start: initiative?.period.start ?? '',
    end: initiative?.period.end ?? '',
    stage: initiative?.stage ?? 'ongoing',
    results: initiative?.results ?? '',
    links: initiative?.links.join('\n') ?? '',
  };
}

/** `/library/initiatives/new` and `/library/i/:id/edit`: an initiative's description, period, files and classification. */
export function InitiativeFormPage() {
  return <ItemFormPage<Initiative> kind="initiative" Form={InitiativeForm} />;
}

function InitiativeForm({ item: initiative, taxonomy, principles }: FormProps<Initiative>) {
  const { t } = useTranslation('library');
  const form = useItemForm('initiative', initiative, FIELDS);
  const { draft, merge, field } = useDraft(() => draftOf(initiative), form);
  // The period's two dates are sent as one field: the server names `period.start` or `period.end`.
  const dateProblem = (bound: 'start' | 'end') => form.local[bound] || form.problem(`period.${bound}`);

  const check = () => {
    const found: Record<string, string> = {};
    if (draft.title.trim().length < 2) found.title = t('form.required.title');
    if (!draft.summary.trim()) found.summary = t('initiativeForm.required.summary');
    if (!draft.leadOrganisation.trim()) found.leadOrganisation = t('initiativeForm.required.leadOrganisation');
    if (!draft.start) found.start = t('initiativeForm.required.start');
    else if (draft.end && draft.end < draft.start) found.end = t('initiativeForm.required.endAfterStart');
    if (draft.objectives.length === 0) found.objectives = t('form.required.objectives');
    return found;
  };
  const body = () => {
    const sent: Record<string, unknown> = {
      title: draft.title.trim(),
      summary: draft.summary.trim(),
      leadOrganisation: draft.leadOrganisation.trim(),
      partnerOrganisations: lines(draft.partnerOrganisations),
      period: draft.end ? { start: draft.start, end: draft.end } : { start: draft.start },
      stage: draft.stage,
      results: draft.results.trim(),
      links: lines(draft.links),
      ...classificationBody(draft),
    };
    return sent;
  };

  return (
    <form className="library-form" onSubmit={form.send(true, check, body)} noValidate>
      <section className="card" aria-labelledby="form-about">
        <h2 id="form-about">{t('initiativeForm.about')}</h2>
        <TextField label={t('fields.title')} {...field('title')} maxLength={300} required />
        <TextArea
          label={t('fields.summary')}
          hint={t('initiativeForm.summaryHint')}
          {...field('summary')}
          maxLength={10_000}
          rows={7}
          required
        />
        <div className="library-grid">
          <TextField label={t('fields.leadOrganisation')} {...field('leadOrganisation')} maxLength={200} required />
          <TextArea
            label={t('fields.partnerOrganisations')}
            hint={t('form.onePerLine')}
            {...field('partnerOrganisations')}
            rows={3}
          />
          <TextField
            label={t('initiativeForm.start')}
            type="date"
            {...field('start')}
            required
            error={dateProblem('start')}
          />
          <TextField
            label={t('initiativeForm.end')}
            hint={t('initiativeForm.endHint')}
            type="date"
            {...field('end')}
            error={dateProblem('end')}
          />
          <SelectField label={t('fields.stage')} {...field('stage')}>
            {INITIATIVE_STAGES.map((stage) => (
              <option key={stage} value={stage}>
                {t(`stages.${stage}`)}
              </option>
            ))}
          </SelectField>
        </div>
        <TextArea
          label={t('fields.results')}
          hint={t('initiativeForm.resultsHint')}
          {...field('results')}
          maxLength={10_000}
          rows={4}
        />
      </section>

      <FilesCard form={form} lead={t('initiativeForm.filesLead')}>
        <TextArea label={t('fields.links')} hint={t('initiativeForm.linksHint')} {...field('links')} rows={3} />
      </FilesCard>

      <ClassificationCard draft={draft} onChange={merge} form={form} taxonomy={taxonomy} principles={principles} />
      <SaveBar form={form} onDraft={form.send(false, check, body)} />
    </form>
  );
}
