import { useQuery } from '@tanstack/react-query';
import {
  type KeyboardEvent,
  type ReactNode,
  type SyntheticEvent,
  useEffect,
  useId,
  useLayoutEffect,
  useRef,
  useState,
} from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/http';
import { useMember } from '../../api/session';
import { ErrorNotice, Loading } from '../../ui/States';
import { searchMembers } from './forum-api';
import type { MemberCard } from './forum-types';

/** The largest post the API takes (libs/forum: MAX_BODY). */
export const MAX_BODY = 20_000;

/** `@` then the start of a name, right before the caret, at the start of a line or after a space or bracket. */
const MENTION_AT = /(?:^|[\s(])@([^\s@[\]()][^@[\]()\n]{0,39})$/u;

interface MentionQuery {
  /** where the `@` is */
  start: number;
  query: string;
}

export function mentionAt(text: string, caret: number): MentionQuery | null {
  const match = MENTION_AT.exec(text.slice(0, caret));
  if (!match) return null;
  return { start: caret - match[1].length - 1, query: match[1] };
}

/** The API's mention syntax: the member's id, and their name as a label (no brackets or line breaks in it). */
export function mentionToken(member: MemberCard): string {
  const label =
    member.displayName
      .replace(/[[\]\n\r]/g, ' ')
      .trim()
      .slice(0, 80) || member.id;
  return `@[${label}](${member.id})`;
}

/** A value that settles `delay` ms after the last change. */
export function useDebounced<T>(value: T, delay: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delay);
    return () => clearTimeout(timer);
  }, [value, delay]);
  return settled;
}

interface ComposerProps {
  label: string;
  value: string;
  onChange: (text: string) => void;
  /** The server's word about the text. */
  error?: string;
  rows?: number;
  /** Changing it brings the composer back to writing and puts the caret at the end (after a quote). */
  focusSignal?: number;
  required?: boolean;
  extraHint?: ReactNode;
}

/**
 * The Markdown editor of threads and replies: Write and Preview (rendered by the server with the forum's own
 * pipeline, so the preview is what gets saved), and `@` to mention a member, picked from the directory with the
 * keyboard (arrows, Enter or Tab, Escape) or a tap. Ctrl+Enter (⌘+Enter) sends the form.
 */
export function Composer({
  label,
  value,
  onChange,
  error,
  rows = 6,
  focusSignal = 0,
  required,
  extraHint,
}: ComposerProps) {
  const { t } = useTranslation('forum');
  const member = useMember();
  const id = useId();
  const area = useRef<HTMLTextAreaElement>(null);
  const pendingCaret = useRef<number | null>(null);
  const [caret, setCaret] = useState(value.length);
  const [mode, setMode] = useState({ value: 'write' as 'write' | 'preview', signal: focusSignal });
  const [active, setActive] = useState(0);
  const [dismissed, setDismissed] = useState<number | null>(null);
  // A quote (a new signal) brings the composer back to writing.
  const writing = mode.signal !== focusSignal || mode.value === 'write';

  const mention = writing ? mentionAt(value, Math.min(caret, value.length)) : null;
  const open = mention !== null && mention.start !== dismissed;
  const query = useDebounced(open ? mention.query.trim() : '', 180);
  const found = useQuery({
    queryKey: ['forum', 'mention', query],
    queryFn: ({ signal }) => searchMembers(query, signal),
    enabled: query.length >= 1,
    staleTime: 60_000,
  });
  const options = open && query.length >= 1 ? (found.data ?? []).filter((card) => card.id !== member?.id) : [];
  const listOpen = options.length > 0;
  const activeIndex = Math.min(active, Math.max(0, options.length - 1));

  useLayoutEffect(() => {
    const position = pendingCaret.current;
    if (position === null || !area.current) return;
    pendingCaret.current = null;
    area.current.focus();
    area.current.setSelectionRange(position, position);
  });

  useEffect(() => {
    if (focusSignal === 0 || !area.current) return;
    const end = area.current.value.length;
    area.current.focus();
    area.current.setSelectionRange(end, end);
  }, [focusSignal]);

  const choose = (card: MemberCard) => {
    if (!mention) return;
    const token = `${mentionToken(card)} `;
    const end = Math.min(caret, value.length);
    const next = value.slice(0, mention.start) + token + value.slice(end);
    const position = mention.start + token.length;
    pendingCaret.current = position;
    setCaret(position);
    setActive(0);
    onChange(next);
  };

  const trackCaret = (event: SyntheticEvent<HTMLTextAreaElement>) => setCaret(event.currentTarget.selectionStart);

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      event.currentTarget.form?.requestSubmit();
      return;
    }
    if (!listOpen || !mention) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((activeIndex + step + options.length) % options.length);
    } else if (event.key === 'Enter' || event.key === 'Tab') {
      event.preventDefault();
      choose(options[activeIndex]);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      setDismissed(mention.start);
    }
  };

  const left = MAX_BODY - value.length;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const listId = `${id}-members`;
  return (
    <div className={`field forum-composer${error ? ' field--invalid' : ''}`}>
      <div className="forum-composer__top">
        <label htmlFor={id}>{label}</label>
        <div className="segmented" role="group" aria-label={t('composer.modeLabel')}>
          <button
            type="button"
            aria-pressed={writing}
            className={writing ? '' : 'button--quiet'}
            onClick={() => setMode({ value: 'write', signal: focusSignal })}
          >
            {t('composer.write')}
          </button>
          <button
            type="button"
            aria-pressed={!writing}
            className={writing ? 'button--quiet' : ''}
            disabled={value.trim() === ''}
            onClick={() => setMode({ value: 'preview', signal: focusSignal })}
          >
            {t('composer.preview')}
          </button>
        </div>
      </div>
      {writing ? (
        <div className="forum-composer__write">
          <textarea
            id={id}
            ref={area}
            value={value}
            rows={rows}
            required={required}
            maxLength={MAX_BODY}
            aria-describedby={[hintId, error ? errorId : ''].filter(Boolean).join(' ')}
            aria-invalid={error ? true : undefined}
            aria-autocomplete="list"
            aria-controls={listOpen ? listId : undefined}
            aria-activedescendant={listOpen ? `${listId}-${activeIndex}` : undefined}
            onChange={(event) => {
              onChange(event.target.value);
              setCaret(event.target.selectionStart);
              setActive(0);
              if (dismissed !== null && !mentionAt(event.target.value, event.target.selectionStart)) setDismissed(null);
            }}
            onSelect={trackCaret}
            onClick={trackCaret}
            onKeyDown={onKeyDown}
            onBlur={() => setDismissed(mention?.start ?? null)}
            onFocus={() => setDismissed(null)}
          />
          {listOpen && (
            <ul className="forum-mentions" id={listId} role="listbox" aria-label={t('composer.mentionList')}>
              {options.map((card, index) => (
                <li
                  key={card.id}
                  id={`${listId}-${index}`}
                  role="option"
                  aria-selected={index === activeIndex}
                  className={index === activeIndex ? 'forum-mentions__option--active' : undefined}
                  onMouseDown={(event) => event.preventDefault()}
                  onClick={() => choose(card)}
                >
                  <span className="forum-mentions__name">{card.displayName}</span>
                  {card.organisation && <span className="forum-mentions__org"> · {card.organisation}</span>}
                </li>
              ))}
            </ul>
          )}
          <span className="visually-hidden" role="status" aria-live="polite">
            {listOpen ? t('composer.mentionsFound', { count: options.length }) : ''}
          </span>
        </div>
      ) : (
        <Preview text={value} />
      )}
      <div className="field__hint" id={hintId}>
        {t('composer.hint')} {extraHint}
        {left < 500 && (
          <span className={left < 0 ? 'field__error' : undefined}>
            {' '}
            {t('composer.charactersLeft', { count: left })}
          </span>
        )}
      </div>
      {error && (
        <div className="field__error" id={errorId} role="alert">
          {error}
        </div>
      )}
    </div>
  );
}

/** The text as the saved post will show it, rendered by the server. */
function Preview({ text }: { text: string }) {
  const { t } = useTranslation('forum');
  const preview = useQuery({
    queryKey: ['forum', 'preview', text],
    queryFn: ({ signal }) => api<{ html: string }>('/forum/preview', { method: 'POST', body: { text }, signal }),
    enabled: text.trim() !== '',
    staleTime: Infinity,
    gcTime: 60_000,
  });
  return (
    <div
      className="forum-composer__preview"
      aria-label={t('composer.previewLabel')}
      role="region"
      aria-busy={preview.isFetching}
    >
      {preview.isPending && <Loading label={t('composer.rendering')} />}
      {preview.error && <ErrorNotice error={preview.error} onRetry={() => void preview.refetch()} />}
      {preview.data && (
        // Sanitized on the server (libs/forum/src/text/markdown.ts), exactly as the saved post will be.
        <div className="forum-prose" dangerouslySetInnerHTML={{ __html: preview.data.html }} />
      )}
    </div>
  );
}
