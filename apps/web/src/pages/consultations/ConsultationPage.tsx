import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { api, ApiError } from '../../api/http';
import { useMember } from '../../api/session';
import { useFormat } from '../../i18n/format';
import { TextArea, TextField } from '../../ui/Field';
import { ErrorNotice, Loading } from '../../ui/States';
import { usePageTitle } from '../../ui/usePageTitle';
import { CommentItem, type CommentRights } from './CommentItem';
import { Deadline, localInput, StatusBadge } from './parts';
import {
  COMMENT_MAX,
  type Consultation,
  type ConsultationComment,
  consultationKeys,
  CONSULTATIONS_KEY,
  type ConsultationSection,
  isClosed,
  type Page,
} from './types';

const PAGE_SIZE = 20;

/** `/consultations/:id`: the draft, section by section, each with its comments and a comment box while open. */
export function ConsultationPage() {
  const { consultationId = '' } = useParams();
  const { t } = useTranslation('consultations');
  const member = useMember();
  const consultation = useQuery({
    queryKey: consultationKeys.one(consultationId, member?.id ?? null),
    queryFn: ({ signal }) => api<Consultation>(`/consultations/${consultationId}`, { signal }),
  });
  usePageTitle(consultation.data?.title ?? t('consultation.title'));

  if (consultation.error) {
    return (
      <section className="page">
        <h1>{t('consultation.title')}</h1>
        <ErrorNotice error={consultation.error} onRetry={() => void consultation.refetch()} />
        <Link to="/consultations">{t('consultation.back')}</Link>
      </section>
    );
  }
  if (!consultation.data) return <Loading />;
  return <ConsultationView key={consultationId} consultation={consultation.data} />;
}

function ConsultationView({ consultation }: { consultation: Consultation }) {
  const { t } = useTranslation('consultations');
  const format = useFormat();
  const member = useMember();
  const location = useLocation();
  const closed = isClosed(consultation);
  const { viewer } = consultation;
  const rights: CommentRights = {
    memberId: member?.id ?? null,
    canEndorse: !closed && viewer.canComment,
    canModerate: viewer.canModerate,
  };

  // A link to one section (from the owner's view): bring it into view once the page is drawn.
  useEffect(() => {
    if (location.hash.startsWith('#section-')) document.getElementById(location.hash.slice(1))?.scrollIntoView();
  }, [location.hash]);

  return (
    <article className="page consultations-page consultations-doc" aria-labelledby="consultation-title">
      <p className="consultations-breadcrumb">
        <Link to="/consultations">{t('list.title')}</Link>
      </p>
      <header className="consultations-doc__head">
        <h1 id="consultation-title">{consultation.title}</h1>
        <p className="consultations-item__when">
          <StatusBadge consultation={consultation} /> <Deadline consultation={consultation} />
        </p>
        <p className="consultations-meta">
          {consultation.owner.displayName && <span>{t('meta.by', { name: consultation.owner.displayName })}</span>}
          <span>
            {t('meta.comments', { count: consultation.commentCount, number: format.number(consultation.commentCount) })}
          </span>
          {consultation.groupId && (
            <Link to={`/groups/${consultation.groupId}`} className="badge">
              {t('meta.groupLink')}
            </Link>
          )}
        </p>
        {(viewer.canManage || viewer.canExport) && (
          <div className="toolbar">
            <Link className="button" to={`/consultations/${consultation.id}/inputs`}>
              {t('consultation.inputs')}
            </Link>
          </div>
        )}
      </header>

      {closed ? (
        <p className="banner consultations-banner" role="status">
          {t('consultation.readOnly', { date: format.dateTime(consultation.closesAt) })}
        </p>
      ) : !member ? (
        <p className="card consultations-note">
          <Link to={`/signin?next=${encodeURIComponent(`/consultations/${consultation.id}`)}`}>
            {t('consultation.signInToComment')}
          </Link>
        </p>
      ) : !viewer.canComment ? (
        <p className="card consultations-note">{t('consultation.groupOnly')}</p>
      ) : null}

      {viewer.canManage && <DeadlineEditor consultation={consultation} />}

      {consultation.html && (
        <div
          className="card consultations-prose consultations-intro"
          dangerouslySetInnerHTML={{ __html: consultation.html }}
        />
      )}

      <div className="consultations-doc__layout">
        <nav className="consultations-toc card" aria-labelledby="toc-heading">
          <h2 id="toc-heading" className="consultations-toc__title">
            {t('consultation.sections')}
          </h2>
          <ol>
            {consultation.sections.map((section) => (
              <li key={section.id}>
                <a href={`#section-${section.id}`}>{section.title}</a>{' '}
                <span className="consultations-toc__count">
                  {t('meta.comments', { count: section.commentCount, number: format.number(section.commentCount) })}
                </span>
              </li>
            ))}
          </ol>
        </nav>
        <div className="consultations-sections">
          {consultation.sections.map((section, index) => (
            <SectionBlock
              key={section.id}
              consultation={consultation}
              section={section}
              number={index + 1}
              rights={rights}
              open={!closed && viewer.canComment}
            />
          ))}
        </div>
      </div>
    </article>
  );
}

/** Keeps the first occurrence of each comment, in order. */
function unique(comments: ConsultationComment[]): ConsultationComment[] {
  const seen = new Set<string>();
  return comments.filter((comment) => !seen.has(comment.id) && seen.add(comment.id));
}

function SectionBlock({
  consultation,
  section,
  number,
  rights,
  open,
}: {
  consultation: Consultation;
  section: ConsultationSection;
  number: number;
  rights: CommentRights;
  open: boolean;
}) {
  const { t } = useTranslation('consultations');
  const format = useFormat();
  // Pages after the first (loaded on demand), comments written here, and comments changed here (endorsed, hidden).
  const [more, setMore] = useState<ConsultationComment[]>([]);
  const [cursor, setCursor] = useState<string | null | undefined>(undefined);
  const [posted, setPosted] = useState<ConsultationComment[]>([]);
  const [changed, setChanged] = useState<Record<string, ConsultationComment>>({});
  const nextCursor = cursor === undefined ? section.nextCursor : cursor;
  const loadMore = useMutation({
    mutationFn: () =>
      api<Page<ConsultationComment>>(`/consultations/${consultation.id}/sections/${section.id}/comments`, {
        query: { limit: PAGE_SIZE, cursor: nextCursor },
      }),
    onSuccess: (page) => {
      setMore((known) => [...known, ...page.items]);
      setCursor(page.nextCursor);
    },
  });
  const comments = useMemo(
    () => unique([...section.comments, ...more, ...posted]).map((comment) => changed[comment.id] ?? comment),
    [section.comments, more, posted, changed],
  );
  const headingId = `section-${section.id}-title`;
  const onChanged = (comment: ConsultationComment) => setChanged((known) => ({ ...known, [comment.id]: comment }));

  return (
    <section id={`section-${section.id}`} className="card consultations-section" aria-labelledby={headingId}>
      <h2 id={headingId} className="consultations-section__title">
        <span className="consultations-section__number">{number}.</span> {section.title}
      </h2>
      <div
        className="consultations-prose consultations-section__text"
        dangerouslySetInnerHTML={{ __html: section.html }}
      />
      <h3 className="consultations-section__comments">
        {t('section.comments', { count: section.commentCount, number: format.number(section.commentCount) })}
      </h3>
      {comments.length === 0 ? (
        <p className="consultations-note">{open ? t('section.noCommentsYet') : t('section.noComments')}</p>
      ) : (
        <ol className="consultations-comments" aria-label={t('section.commentsOn', { title: section.title })}>
          {comments.map((comment) => (
            <li key={comment.id}>
              <CommentItem comment={comment} rights={rights} onChanged={onChanged} />
            </li>
          ))}
        </ol>
      )}
      {nextCursor && (
        <button
          type="button"
          className="button--quiet consultations-more"
          disabled={loadMore.isPending}
          onClick={() => loadMore.mutate()}
        >
          {loadMore.isPending ? t('loadingMore') : t('section.more')}
        </button>
      )}
      {loadMore.error && <ErrorNotice error={loadMore.error} onRetry={() => loadMore.mutate()} />}
      {open && (
        <CommentBox
          consultationId={consultation.id}
          section={section}
          number={number}
          onPosted={(comment) => setPosted((known) => [...known, comment])}
        />
      )}
    </section>
  );
}

const draftKey = (consultationId: string, sectionId: string) =>
  `plenary.consultation.draft.${consultationId}.${sectionId}`;

/** The member's comment on one section; the draft survives a reload until it is sent. */
function CommentBox({
  consultationId,
  section,
  number,
  onPosted,
}: {
  consultationId: string;
  section: ConsultationSection;
  number: number;
  onPosted: (comment: ConsultationComment) => void;
}) {
  const { t } = useTranslation('consultations');
  const client = useQueryClient();
  const key = draftKey(consultationId, section.id);
  const [text, setText] = useState(() => localStorage.getItem(key) ?? '');
  const [announcement, setAnnouncement] = useState('');
  useEffect(() => {
    if (text) localStorage.setItem(key, text);
    else localStorage.removeItem(key);
  }, [key, text]);
  const send = useMutation({
    mutationFn: () =>
      api<ConsultationComment>(`/consultations/${consultationId}/sections/${section.id}/comments`, {
        method: 'POST',
        body: { body: text },
      }),
    onSuccess: (comment) => {
      setText('');
      onPosted(comment);
      setAnnouncement(t('section.posted'));
      void client.invalidateQueries({ queryKey: [CONSULTATIONS_KEY] });
    },
  });
  const error = send.error instanceof ApiError ? send.error : null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setAnnouncement('');
    if (text.trim() === '' || send.isPending) return;
    send.mutate();
  };
  return (
    <form className="consultations-comment-box" onSubmit={submit}>
      <TextArea
        label={t('section.yourComment', { number, title: section.title })}
        hint={t('section.markdownHint')}
        value={text}
        onChange={(event) => setText(event.target.value)}
        rows={4}
        maxLength={COMMENT_MAX}
        error={error?.problemWith('body')}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) submit(event);
        }}
      />
      {send.error !== null && !error?.problemWith('body') && <ErrorNotice error={send.error} />}
      <div className="toolbar">
        <button type="submit" disabled={send.isPending || text.trim() === ''}>
          {send.isPending ? t('section.sending') : t('section.send')}
        </button>
        <span role="status" className="consultations-comment-box__status">
          {announcement}
        </span>
      </div>
    </form>
  );
}

/** The owner extends, reopens or closes the consultation by moving its deadline. */
function DeadlineEditor({ consultation }: { consultation: Consultation }) {
  const { t } = useTranslation('consultations');
  const client = useQueryClient();
  const [value, setValue] = useState(() => localInput(consultation.closesAt));
  const [done, setDone] = useState('');
  const save = useMutation({
    mutationFn: (closesAt: string) =>
      api<Consultation>(`/consultations/${consultation.id}`, { method: 'PATCH', body: { closesAt } }),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: [CONSULTATIONS_KEY] });
      setDone(t('manage.saved'));
    },
  });
  const error = save.error instanceof ApiError ? save.error : null;
  const at = value ? new Date(value) : null;
  return (
    <details className="card consultations-manage">
      <summary>{t('manage.title')}</summary>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          setDone('');
          if (at && !Number.isNaN(at.getTime())) save.mutate(at.toISOString());
        }}
      >
        <TextField
          type="datetime-local"
          label={t('manage.deadline')}
          hint={t('form.deadlineHint', { zone: Intl.DateTimeFormat().resolvedOptions().timeZone })}
          value={value}
          onChange={(event) => setValue(event.target.value)}
          required
          error={error?.problemWith('closesAt')}
        />
        {save.error !== null && !error?.problemWith('closesAt') && <ErrorNotice error={save.error} />}
        <div className="toolbar">
          <button type="submit" disabled={save.isPending}>
            {t('manage.save')}
          </button>
          {!isClosed(consultation) && (
            <button
              type="button"
              className="button--danger"
              disabled={save.isPending}
              onClick={() => {
                setDone('');
                save.mutate(new Date(Date.now() - 1_000).toISOString());
              }}
            >
              {t('manage.closeNow')}
            </button>
          )}
          <span role="status">{done}</span>
        </div>
      </form>
    </details>
  );
}
