import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { api, ApiError } from '../../api/http';
import { useMember } from '../../api/session';
import { TextField } from '../../ui/Field';
import { ErrorNotice, Loading } from '../../ui/States';
import { usePageTitle } from '../../ui/usePageTitle';
import { Composer } from './Composer';
import { forumKeys, useCategory, useObjectives } from './forum-api';
import type { Thread } from './forum-types';

interface ThreadDraft {
  title: string;
  body: string;
  tags: string;
  objectives: number[];
}

const EMPTY: ThreadDraft = { title: '', body: '', tags: '', objectives: [] };
const draftKey = (categoryId: string) => `plenary.forum.new.${categoryId}`;

function readDraft(categoryId: string): ThreadDraft {
  try {
    const raw = localStorage.getItem(draftKey(categoryId));
    return raw ? { ...EMPTY, ...(JSON.parse(raw) as Partial<ThreadDraft>) } : EMPTY;
  } catch {
    return EMPTY;
  }
}

/** The tags as typed, comma-separated, cleaned of blanks and repeats. */
export function tagsOf(text: string): string[] {
  return [
    ...new Set(
      text
        .split(',')
        .map((tag) => tag.trim().replace(/^#/, ''))
        .filter(Boolean),
    ),
  ];
}

/** `/forum/c/:categoryId/new`: a new thread, its opening post written in the composer (the draft is kept). */
export function NewThreadPage() {
  const { categoryId = '' } = useParams();
  const { t } = useTranslation('forum');
  const member = useMember();
  const navigate = useNavigate();
  const client = useQueryClient();
  const category = useCategory(categoryId);
  const objectives = useObjectives();
  const [draft, setDraft] = useState<ThreadDraft>(() => readDraft(categoryId));
  usePageTitle(t('newThread.title'));

  useEffect(() => {
    const empty = !draft.title && !draft.body && !draft.tags && draft.objectives.length === 0;
    if (empty) localStorage.removeItem(draftKey(categoryId));
    else localStorage.setItem(draftKey(categoryId), JSON.stringify(draft));
  }, [draft, categoryId]);

  const create = useMutation({
    mutationFn: () =>
      api<Thread>(`/categories/${categoryId}/threads`, {
        method: 'POST',
        body: {
          title: draft.title.trim(),
          body: draft.body,
          ...(tagsOf(draft.tags).length > 0 ? { tags: tagsOf(draft.tags) } : {}),
          ...(draft.objectives.length > 0 ? { objectives: draft.objectives } : {}),
        },
      }),
    onSuccess: (thread) => {
      localStorage.removeItem(draftKey(categoryId));
      client.setQueryData(forumKeys.thread(thread.id, member?.id ?? null), thread);
      void client.invalidateQueries({ queryKey: ['forum', 'threads', categoryId] });
      void client.invalidateQueries({ queryKey: ['forum', 'categories'] });
      navigate(`/forum/t/${thread.id}`);
    },
  });
  const error = create.error instanceof ApiError ? create.error : null;
  const fieldProblem = (field: string) =>
    error?.problemWith(field) ?? error?.details.find((detail) => detail.field.startsWith(`${field}.`))?.problem;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  const toggleObjective = (number: number, on: boolean) =>
    setDraft((current) => ({
      ...current,
      objectives: on
        ? [...current.objectives, number].sort((a, b) => a - b)
        : current.objectives.filter((known) => known !== number),
    }));

  if (!member) {
    return (
      <section className="page page--narrow">
        <h1>{t('newThread.title')}</h1>
        <p>
          <Link to={`/signin?next=${encodeURIComponent(`/forum/c/${categoryId}/new`)}`}>{t('signInToTakePart')}</Link>
        </p>
      </section>
    );
  }
  if (category.isPending) return <Loading />;
  if (category.isError) {
    return (
      <section className="page">
        <h1>{t('newThread.title')}</h1>
        <ErrorNotice error={category.error} />
      </section>
    );
  }
  const known = category.data;
  const fieldsWithProblems = ['title', 'body', 'tags', 'objectives'];
  const otherError = error && !fieldsWithProblems.some((field) => fieldProblem(field));
  return (
    <section className="page forum forum-new">
      <p className="forum-breadcrumb">
        <Link to="/forum">{t('home.title')}</Link> › <Link to={`/forum/c/${known.id}`}>{known.name}</Link>
      </p>
      <h1>{t('newThread.title')}</h1>
      {!known.viewer.canStartThread && (
        <p className="banner" role="status">
          {t('newThread.notAllowed')}
        </p>
      )}
      <form className="card" onSubmit={submit} noValidate>
        <TextField
          label={t('newThread.titleLabel')}
          hint={t('newThread.titleHint')}
          value={draft.title}
          onChange={(event) => setDraft((current) => ({ ...current, title: event.target.value }))}
          minLength={3}
          maxLength={200}
          required
          error={fieldProblem('title')}
        />
        <Composer
          label={t('newThread.bodyLabel')}
          value={draft.body}
          onChange={(body) => setDraft((current) => ({ ...current, body }))}
          rows={10}
          required
          error={fieldProblem('body')}
        />
        <TextField
          label={t('newThread.tagsLabel')}
          hint={t('newThread.tagsHint')}
          value={draft.tags}
          onChange={(event) => setDraft((current) => ({ ...current, tags: event.target.value }))}
          error={fieldProblem('tags')}
        />
        <details className="forum-objectives">
          <summary>
            {t('newThread.objectivesLabel')}
            {draft.objectives.length > 0 && ` (${draft.objectives.length})`}
          </summary>
          <fieldset>
            <legend className="visually-hidden">{t('newThread.objectivesLabel')}</legend>
            {objectives.isPending && <Loading />}
            <div className="forum-objectives__grid">
              {(objectives.data ?? []).map((objective) => (
                <label key={objective.number} className="forum-check">
                  <input
                    type="checkbox"
                    checked={draft.objectives.includes(objective.number)}
                    onChange={(event) => toggleObjective(objective.number, event.target.checked)}
                  />
                  <span>
                    <strong>{objective.number}.</strong> {objective.label}
                  </span>
                </label>
              ))}
            </div>
          </fieldset>
          {fieldProblem('objectives') && (
            <p className="field__error" role="alert">
              {fieldProblem('objectives')}
            </p>
          )}
        </details>
        {otherError && <ErrorNotice error={error} />}
        <div className="toolbar">
          <button type="submit" disabled={create.isPending || !known.viewer.canStartThread}>
            {create.isPending ? t('newThread.creating') : t('newThread.create')}
          </button>
          <Link className="button button--quiet" to={`/forum/c/${known.id}`}>
            {t('common:cancel')}
          </Link>
        </div>
      </form>
    </section>
  );
}
