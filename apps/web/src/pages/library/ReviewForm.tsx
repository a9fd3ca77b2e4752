import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../../api/http';
import { useFormat } from '../../i18n/format';
import { TextArea } from '../../ui/Field';
import { ErrorNotice } from '../../ui/States';
import { type Criterion, itemApi, type LibraryItem, libraryKeys, type Review } from './library-api';

const SCORES = [1, 2, 3, 4, 5] as const;

/** A criterion's name and description: the default rubric's in the interface language, an admin's own as written. */
export function useCriterionText() {
  const { t } = useTranslation('library');
  return (criterion: Criterion) => ({
    label: t(`rubric.${criterion.key}.label`, { defaultValue: criterion.label }),
    description: t(`rubric.${criterion.key}.description`, { defaultValue: criterion.description }),
  });
}

/** The reviewer scores each criterion of the rubric 1–5, writes to the author and, if they wish, to the editors. */
export function ReviewForm({ item, criteria }: { item: LibraryItem; criteria: Criterion[] }) {
  const { t } = useTranslation('library');
  const queries = useQueryClient();
  const text = useCriterionText();
  const [scores, setScores] = useState<Record<string, number>>({});
  const [comment, setComment] = useState('');
  const [note, setNote] = useState('');
  const [missing, setMissing] = useState<string[]>([]);
  const [tried, setTried] = useState(false);
  const send = useMutation({
    mutationFn: () =>
      api(`${itemApi(item)}/reviews`, {
        method: 'POST',
        body: { scores, commentToAuthor: comment, ...(note.trim() ? { noteToEditors: note } : {}) },
      }),
    onSuccess: () => void queries.invalidateQueries({ queryKey: libraryKeys.all }),
  });
  const server = send.error instanceof ApiError ? send.error : null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    const unscored = criteria.filter((criterion) => !scores[criterion.key]).map((criterion) => criterion.key);
    setMissing(unscored);
    if (unscored.length > 0 || !comment.trim()) return;
    send.mutate();
  };
  const problemOf = (key: string) =>
    missing.includes(key) ? t('review.scoreMissing') : server?.problemWith(`scores.${key}`);
  const commentProblem = tried && !comment.trim() ? t('review.commentMissing') : server?.problemWith('commentToAuthor');
  return (
    <form className="library-review-form" onSubmit={submit} noValidate>
      <p className="field__hint">{t('review.intro', { version: item.version })}</p>
      {criteria.map((criterion) => {
        const { label, description } = text(criterion);
        const problem = problemOf(criterion.key);
        const id = `criterion-${criterion.key}`;
        return (
          <fieldset
            key={criterion.key}
            className={`library-score${problem ? ' library-score--invalid' : ''}`}
            aria-describedby={`${id}-hint${problem ? ` ${id}-error` : ''}`}
          >
            <legend>{label}</legend>
            <p className="field__hint" id={`${id}-hint`}>
              {description}
            </p>
            <div className="library-score__options">
              {SCORES.map((score) => (
                <label key={score} className="library-score__option">
                  <input
                    type="radio"
                    name={id}
                    value={score}
                    checked={scores[criterion.key] === score}
                    onChange={() => {
                      setScores({ ...scores, [criterion.key]: score });
                      setMissing(missing.filter((key) => key !== criterion.key));
                    }}
                  />
                  <span className="library-score__number">{score}</span>{' '}
                  <span className="library-score__word">{t(`review.score.${score}`)}</span>
                </label>
              ))}
            </div>
            {problem && (
              <p className="field__error" id={`${id}-error`} role="alert">
                {problem}
              </p>
            )}
          </fieldset>
        );
      })}
      <TextArea
        label={t('review.comment')}
        hint={t('review.commentHint')}
        value={comment}
        onChange={(event) => setComment(event.target.value)}
        maxLength={10_000}
        rows={6}
        required
        error={commentProblem}
      />
      <TextArea
        label={t('review.note')}
        hint={t('review.noteHint')}
        value={note}
        onChange={(event) => setNote(event.target.value)}
        maxLength={10_000}
        rows={3}
        error={server?.problemWith('noteToEditors')}
      />
      {send.error && !(server && server.details.length > 0) && <ErrorNotice error={send.error} />}
      <button type="submit" disabled={send.isPending}>
        {send.isPending ? t('review.sending') : t('review.send')}
      </button>
    </form>
  );
}

/** One review: its scores on the rubric, its comment to the author and, for editors, its note. */
export function ReviewItem({ review, criteria }: { review: Review; criteria: Criterion[] }) {
  const { t } = useTranslation('library');
  const format = useFormat();
  const text = useCriterionText();
  const keys =
    criteria.length > 0 ? criteria : Object.keys(review.scores).map((key) => ({ key, label: key, description: '' }));
  const values = Object.values(review.scores);
  const average = values.length > 0 ? values.reduce((sum, value) => sum + value, 0) / values.length : 0;
  const reviewerNumber = /(\d+)$/.exec(review.reviewerLabel)?.[1];
  return (
    <li className="library-review-item">
      <p className="library-review-item__head">
        <strong>
          {review.reviewer?.displayName ??
            (reviewerNumber ? t('reviews.reviewer', { number: reviewerNumber }) : review.reviewerLabel)}
        </strong>
        <span className="badge">{t('resource.version', { number: review.version })}</span>
        <span className="library-review-item__when">{format.date(review.createdAt)}</span>
        <span className="library-review-item__average">
          {t('reviews.average', { score: format.number(Math.round(average * 10) / 10) })}
        </span>
      </p>
      <table className="library-scores">
        <caption className="visually-hidden">{t('reviews.scores')}</caption>
        <tbody>
          {keys
            .filter((criterion) => review.scores[criterion.key] !== undefined)
            .map((criterion) => (
              <tr key={criterion.key}>
                <th scope="row">{text(criterion).label}</th>
                <td>
                  <span className="library-meter" aria-hidden="true">
                    <span style={{ width: `${(review.scores[criterion.key] / 5) * 100}%` }} />
                  </span>
                  {t('reviews.outOf', { score: review.scores[criterion.key] })}
                </td>
              </tr>
            ))}
        </tbody>
      </table>
      <p className="library-review-item__label">{t('reviews.toAuthor')}</p>
      <p className="library-text">{review.commentToAuthor}</p>
      {review.noteToEditors && (
        <>
          <p className="library-review-item__label">{t('reviews.toEditors')}</p>
          <p className="library-text library-review-item__note">{review.noteToEditors}</p>
        </>
      )}
    </li>
  );
}
