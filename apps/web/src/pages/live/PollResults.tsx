import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/format';
import type { Poll } from './live-types';

/** A poll's results as bars, each with its count and share (readable without colour). */
export function PollResults({ poll, large = false }: { poll: Poll; large?: boolean }) {
  const { t } = useTranslation('live');
  const format = useFormat();
  if (!poll.results) return null;
  const { voters, counts } = poll.results;
  return (
    <div className={`poll-results${large ? ' poll-results--large' : ''}`}>
      <ul className="list poll-results__bars">
        {poll.options.map((option) => {
          const count = counts[option.id] ?? 0;
          const share = voters > 0 ? Math.round((100 * count) / voters) : 0;
          return (
            <li key={option.id}>
              <div className="poll-results__label">
                <span>{option.text}</span>
                <span>
                  {format.number(share)} % · {t('poll.votes', { count })}
                </span>
              </div>
              <div
                className="poll-results__bar"
                role="meter"
                aria-valuenow={share}
                aria-valuemin={0}
                aria-valuemax={100}
                aria-label={option.text}
              >
                <span style={{ width: `${share}%` }} />
              </div>
            </li>
          );
        })}
      </ul>
      <p className="poll-results__voters">{t('poll.voters', { count: voters })}</p>
    </div>
  );
}
