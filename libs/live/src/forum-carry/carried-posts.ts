/** The thread a session's open questions become: its title, opening post and one post per question (Markdown). */

export interface CarriedSession {
  id: string;
  title: string;
  startsAt: Date;
  startedAt: Date | null;
  timezone: string;
}

export interface CarriedQuestion {
  text: string;
  /** The asker's display name, or an anonymous asker's pseudonym: never who they are. */
  asker: string;
  votes: number;
}

const PREFIX = 'Questions from ';

/** "Questions from <session title>", shortened to fit the forum's longest title. */
export function carriedTitle(sessionTitle: string, maxLength: number): string {
  const title = `${PREFIX}${sessionTitle.trim()}`;
  return title.length <= maxLength ? title : `${title.slice(0, maxLength - 1).trimEnd()}…`;
}

/** The opening post: names the session (title, date, link) and says what follows. */
export function openingPost(session: CarriedSession, questions: number): string {
  const what =
    questions === 0
      ? 'Every approved question was answered during the session.'
      : `${questions === 1 ? 'One approved question was' : `${questions} approved questions were`} not answered ` +
        'before it ended: each follows as a reply, most voted first, with its votes. Anonymous askers keep their pseudonym.';
  return [
    `From the live session [${escapeMarkdown(session.title)}](/sessions/${session.id}), ` +
      `${dateOf(session.startedAt ?? session.startsAt, session.timezone)}.`,
    '',
    what,
  ].join('\n');
}

/** A question, quoted as asked (its Markdown kept from mentioning anyone), with its asker and votes. */
export function questionPost(question: CarriedQuestion): string {
  const quoted = question.text
    .replace(/@\[/g, '@\\[')
    .split(/\r?\n/)
    .map((line) => `> ${line}`.trimEnd())
    .join('\n');
  const votes = `${question.votes} ${question.votes === 1 ? 'vote' : 'votes'}`;
  return `${quoted}\n\nAsked by ${escapeMarkdown(question.asker)} · ${votes}`;
}

/** The date in the session's time zone, such as "3 March 2026". */
function dateOf(when: Date, timeZone: string): string {
  try {
    return new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone }).format(when);
  } catch {
    return when.toISOString().slice(0, 10);
  }
}

function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>|~#]/g, (character) => `\\${character}`);
}
