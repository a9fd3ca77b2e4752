import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../../api/http';
import { useMember } from '../../api/session';
import { useFormat } from '../../i18n/format';
import { ErrorNotice, Loading } from '../../ui/States';
import { usePageTitle } from '../../ui/usePageTitle';
import { Deadline, saveFile, SignInFirst, slug, StatusBadge, When } from './parts';
import { type ConsultationInputs, consultationKeys, type InputCounts, type SectionInputs } from './types';

type Format = 'csv' | 'json';

/** `/consultations/:id/inputs`: for its managers, the inputs grouped by section with counts, and the exports. */
export function InputsPage() {
  const { consultationId = '' } = useParams();
  const { t } = useTranslation('consultations');
  const member = useMember();
  const inputs = useQuery({
    queryKey: consultationKeys.inputs(consultationId, member?.id ?? null),
    queryFn: ({ signal }) => api<ConsultationInputs>(`/consultations/${consultationId}/inputs`, { signal }),
    enabled: member !== null,
  });
  const heading = inputs.data ? t('inputs.title', { title: inputs.data.title }) : t('inputs.heading');
  usePageTitle(heading);

  if (!member) return <SignInFirst title={t('inputs.heading')} />;
  if (inputs.error) {
    return (
      <section className="page">
        <h1>{t('inputs.heading')}</h1>
        <ErrorNotice error={inputs.error} onRetry={() => void inputs.refetch()} />
        <Link to={`/consultations/${consultationId}`}>{t('inputs.back')}</Link>
      </section>
    );
  }
  if (!inputs.data) return <Loading />;
  return <InputsView inputs={inputs.data} />;
}

function InputsView({ inputs }: { inputs: ConsultationInputs }) {
  const { t } = useTranslation('consultations');
  const download = useMutation({
    mutationFn: async (format: Format) => {
      const body = await api<unknown>(`/consultations/${inputs.id}/export`, { query: { format } });
      const name = `${slug(inputs.title)}-inputs.${format}`;
      if (format === 'csv') saveFile(String(body), name, 'text/csv;charset=utf-8');
      else saveFile(JSON.stringify(body, null, 2), name, 'application/json');
      return format;
    },
  });

  return (
    <article className="page consultations-page consultations-inputs" aria-labelledby="inputs-title">
      <p className="consultations-breadcrumb">
        <Link to="/consultations">{t('list.title')}</Link> ›{' '}
        <Link to={`/consultations/${inputs.id}`}>{inputs.title}</Link>
      </p>
      <header className="consultations-doc__head">
        <h1 id="inputs-title">{t('inputs.title', { title: inputs.title })}</h1>
        <p className="consultations-item__when">
          <StatusBadge consultation={inputs} /> <Deadline consultation={inputs} />
        </p>
      </header>

      <section className="card" aria-labelledby="totals-heading">
        <h2 id="totals-heading">{t('inputs.totals')}</h2>
        <Counts counts={inputs.totals} />
        <div className="toolbar consultations-export">
          {(['csv', 'json'] as const).map((format) => (
            <button
              key={format}
              type="button"
              className="button--quiet"
              disabled={download.isPending}
              onClick={() => download.mutate(format)}
            >
              {t('inputs.download', { format: format.toUpperCase() })}
            </button>
          ))}
          <span role="status" className="field__hint">
            {download.data && t('inputs.downloaded', { format: download.data.toUpperCase() })}
          </span>
        </div>
        <p className="field__hint">{t('inputs.exportHint')}</p>
        {download.error && <ErrorNotice error={download.error} />}
      </section>

      {inputs.sections.map((section, index) => (
        <SectionInputsBlock key={section.id} consultationId={inputs.id} section={section} number={index + 1} />
      ))}
    </article>
  );
}

function Counts({ counts }: { counts: InputCounts }) {
  const { t } = useTranslation('consultations');
  const format = useFormat();
  const items: [keyof InputCounts, number][] = [
    ['comments', counts.comments],
    ['endorsements', counts.endorsements],
    ['commenters', counts.commenters],
    ['hidden', counts.hidden],
  ];
  return (
    <dl className="consultations-counts">
      {items.map(([key, value]) => (
        <div key={key} className="consultations-counts__item">
          <dt>{t(`inputs.count.${key}`)}</dt>
          <dd>{format.number(value)}</dd>
        </div>
      ))}
    </dl>
  );
}

function SectionInputsBlock({
  consultationId,
  section,
  number,
}: {
  consultationId: string;
  section: SectionInputs;
  number: number;
}) {
  const { t } = useTranslation('consultations');
  const format = useFormat();
  const headingId = `inputs-${section.id}`;
  return (
    <section className="card consultations-section" aria-labelledby={headingId}>
      <h2 id={headingId} className="consultations-section__title">
        <span className="consultations-section__number">{number}.</span> {section.title}
      </h2>
      <Counts counts={section} />
      {section.top.length === 0 ? (
        <p className="consultations-note">{t('inputs.none')}</p>
      ) : (
        <>
          <h3>{t('inputs.top', { count: section.top.length })}</h3>
          <ol className="consultations-top">
            {section.top.map((comment) => (
              <li key={comment.id} className="consultations-top__item">
                <p className="consultations-top__meta">
                  <strong>{comment.author.displayName || t('comment.deleted')}</strong> ·{' '}
                  <When at={comment.createdAt} /> ·{' '}
                  <span className="badge">
                    {t('comment.endorsements', {
                      count: comment.endorsements,
                      number: format.number(comment.endorsements),
                    })}
                  </span>
                </p>
                <div className="consultations-prose" dangerouslySetInnerHTML={{ __html: comment.html }} />
              </li>
            ))}
          </ol>
        </>
      )}
      {section.comments > 0 && (
        <Link to={`/consultations/${consultationId}#section-${section.id}`}>
          {t('inputs.all', { count: section.comments, number: format.number(section.comments) })}
        </Link>
      )}
    </section>
  );
}
