import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api, ApiError } from '../../api/http';
import { useMember } from '../../api/session';
import { SelectField, TextArea, TextField } from '../../ui/Field';
import { ErrorNotice } from '../../ui/States';
import { usePageTitle } from '../../ui/usePageTitle';
import { localInput, SignInFirst } from './parts';
import {
  type Consultation,
  CONSULTATIONS_KEY,
  type GroupSummary,
  type Page,
  SECTIONS_MAX,
  TEXT_MAX,
  TITLE_MAX,
} from './types';

const DAY = 24 * 3_600_000;

interface SectionRow {
  key: number;
  title: string;
  text: string;
}

/** `/consultations/new`: a draft split into sections, opened for inputs until a deadline. */
export function NewConsultationPage() {
  const { t } = useTranslation('consultations');
  const member = useMember();
  usePageTitle(t('form.title'));
  if (!member) return <SignInFirst title={t('form.title')} />;
  return <ConsultationForm />;
}

function ConsultationForm() {
  const { t } = useTranslation('consultations');
  const navigate = useNavigate();
  const client = useQueryClient();
  const member = useMember();
  const nextKey = useRef(1);
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [closesAt, setClosesAt] = useState(() => localInput(new Date(Date.now() + 14 * DAY).toISOString()));
  const [groupId, setGroupId] = useState('');
  const [sections, setSections] = useState<SectionRow[]>([{ key: 0, title: '', text: '' }]);
  const [local, setLocal] = useState<Record<string, string>>({});
  const [moved, setMoved] = useState('');

  const groups = useQuery({
    queryKey: [CONSULTATIONS_KEY, 'my-groups', member?.id ?? null],
    queryFn: ({ signal }) => api<Page<GroupSummary>>('/groups', { query: { mine: true, limit: 100 }, signal }),
  });
  // A group's consultation is opened by its owners and facilitators.
  const managed = (groups.data?.items ?? []).filter(
    (group) =>
      group.viewer?.status === 'active' && (group.viewer.role === 'owner' || group.viewer.role === 'facilitator'),
  );

  const create = useMutation({
    mutationFn: (payload: Record<string, unknown>) =>
      api<Consultation>('/consultations', { method: 'POST', body: payload }),
    onSuccess: async (created) => {
      await client.invalidateQueries({ queryKey: [CONSULTATIONS_KEY] });
      navigate(`/consultations/${created.id}`);
    },
  });
  const server = create.error instanceof ApiError ? create.error : null;
  const error = (field: string) => local[field] ?? server?.problemWith(field);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (title.trim().length < 2) problems.title = t('form.errors.title');
    const deadline = closesAt ? new Date(closesAt) : null;
    if (!deadline || Number.isNaN(deadline.getTime())) problems.closesAt = t('form.errors.deadline');
    else if (deadline.getTime() <= Date.now()) problems.closesAt = t('form.errors.deadlinePast');
    sections.forEach((section, index) => {
      if (section.title.trim().length < 2) problems[`sections.${index}.title`] = t('form.errors.sectionTitle');
      if (!section.text.trim()) problems[`sections.${index}.text`] = t('form.errors.sectionText');
    });
    setLocal(problems);
    if (Object.keys(problems).length > 0 || !deadline) {
      // The first field to fix gets the focus.
      requestAnimationFrame(() => document.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    create.mutate({
      title: title.trim(),
      ...(body.trim() ? { body: body.trim() } : {}),
      closesAt: deadline.toISOString(),
      ...(groupId ? { groupId } : {}),
      sections: sections.map((section) => ({ title: section.title.trim(), text: section.text.trim() })),
    });
  };

  const update = (key: number, change: Partial<SectionRow>) =>
    setSections((rows) => rows.map((row) => (row.key === key ? { ...row, ...change } : row)));
  const move = (index: number, by: -1 | 1) => {
    const target = index + by;
    if (target < 0 || target >= sections.length) return;
    const next = [...sections];
    [next[index], next[target]] = [next[target], next[index]];
    setSections(next);
    setLocal({});
    setMoved(t('form.moved', { title: sections[index].title || t('form.untitled'), number: target + 1 }));
  };
  const add = () => {
    const key = nextKey.current++;
    setSections((rows) => [...rows, { key, title: '', text: '' }]);
    requestAnimationFrame(() => document.querySelector<HTMLElement>(`[data-section-title="${key}"]`)?.focus());
  };

  const detailsElsewhere =
    server?.details.filter(
      (detail) =>
        !['title', 'body', 'closesAt', 'groupId'].includes(detail.field) && !/^sections\.\d+\./.test(detail.field),
    ) ?? [];

  return (
    <section className="page consultations-form-page">
      <p className="consultations-breadcrumb">
        <Link to="/consultations">{t('list.title')}</Link>
      </p>
      <h1>{t('form.title')}</h1>
      <p className="lead">{t('form.lead')}</p>
      <form className="consultations-form" onSubmit={submit} noValidate>
        <fieldset className="card consultations-fieldset">
          <legend>{t('form.about')}</legend>
          <TextField
            label={t('form.name')}
            value={title}
            onChange={(event) => setTitle(event.target.value)}
            maxLength={TITLE_MAX}
            required
            error={error('title')}
          />
          <TextArea
            label={t('form.body')}
            hint={t('form.bodyHint')}
            value={body}
            onChange={(event) => setBody(event.target.value)}
            rows={5}
            maxLength={TEXT_MAX}
            error={error('body')}
          />
          <TextField
            type="datetime-local"
            label={t('form.deadline')}
            hint={t('form.deadlineHint', { zone: Intl.DateTimeFormat().resolvedOptions().timeZone })}
            value={closesAt}
            onChange={(event) => setClosesAt(event.target.value)}
            required
            error={error('closesAt')}
          />
          <SelectField
            label={t('form.group')}
            hint={managed.length > 0 ? t('form.groupHint') : t('form.noGroupsHint')}
            value={groupId}
            onChange={(event) => setGroupId(event.target.value)}
            disabled={managed.length === 0}
            error={error('groupId')}
          >
            <option value="">{t('form.noGroup')}</option>
            {managed.map((group) => (
              <option key={group.id} value={group.id}>
                {group.name}
              </option>
            ))}
          </SelectField>
        </fieldset>

        <fieldset className="card consultations-fieldset">
          <legend>{t('form.sections')}</legend>
          <p className="field__hint">{t('form.sectionsHint')}</p>
          <ol className="consultations-section-editor">
            {sections.map((section, index) => (
              <li key={section.key}>
                <fieldset className="consultations-section-editor__item">
                  <legend>{t('form.section', { number: index + 1 })}</legend>
                  <TextField
                    data-section-title={section.key}
                    label={t('form.sectionTitle')}
                    value={section.title}
                    onChange={(event) => update(section.key, { title: event.target.value })}
                    maxLength={TITLE_MAX}
                    required
                    error={error(`sections.${index}.title`)}
                  />
                  <TextArea
                    label={t('form.sectionText')}
                    hint={t('form.markdownHint')}
                    value={section.text}
                    onChange={(event) => update(section.key, { text: event.target.value })}
                    rows={5}
                    maxLength={TEXT_MAX}
                    required
                    error={error(`sections.${index}.text`)}
                  />
                  <div className="toolbar">
                    <button
                      type="button"
                      className="button--quiet"
                      disabled={index === 0}
                      onClick={() => move(index, -1)}
                      aria-label={t('form.moveUp', { number: index + 1 })}
                    >
                      {t('form.up')}
                    </button>
                    <button
                      type="button"
                      className="button--quiet"
                      disabled={index === sections.length - 1}
                      onClick={() => move(index, 1)}
                      aria-label={t('form.moveDown', { number: index + 1 })}
                    >
                      {t('form.down')}
                    </button>
                    <button
                      type="button"
                      className="button--quiet"
                      disabled={sections.length === 1}
                      onClick={() => {
                        setSections((rows) => rows.filter((row) => row.key !== section.key));
                        setLocal({});
                      }}
                      aria-label={t('form.remove', { number: index + 1 })}
                    >
                      {t('form.removeShort')}
                    </button>
                  </div>
                </fieldset>
              </li>
            ))}
          </ol>
          <p className="visually-hidden" role="status">
            {moved}
          </p>
          {error('sections') && (
            <p className="field__error" role="alert">
              {error('sections')}
            </p>
          )}
          <button type="button" className="button--quiet" disabled={sections.length >= SECTIONS_MAX} onClick={add}>
            {t('form.addSection')}
          </button>
        </fieldset>

        {server && server.details.length > 0 ? (
          <div className="consultations-form-problem" role="alert">
            <p>{t('form.fixFields')}</p>
            {detailsElsewhere.length > 0 && (
              <ul>
                {detailsElsewhere.map((detail) => (
                  <li key={detail.field}>
                    <code>{detail.field}</code> {detail.problem}
                  </li>
                ))}
              </ul>
            )}
          </div>
        ) : (
          create.error && <ErrorNotice error={create.error} />
        )}
        {Object.keys(local).length > 0 && (
          <p className="consultations-form-problem" role="alert">
            {t('form.fixFields')}
          </p>
        )}
        <div className="toolbar">
          <button type="submit" disabled={create.isPending}>
            {create.isPending ? t('form.creating') : t('form.create')}
          </button>
          <Link className="button button--quiet" to="/consultations">
            {t('common:cancel')}
          </Link>
        </div>
      </form>
    </section>
  );
}
