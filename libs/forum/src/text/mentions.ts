/**
 * A mention is written `@[Name](member id)`: members have display names, not unique handles, so
 * the client inserts the member's id (from a search) and the name is only a label.
 */
const MENTION = /@\[([^\]\n]{1,80})\]\(([0-9a-f]{24})\)/g;
const MAX_MENTIONS = 20;

/** The member ids a text mentions, in order, each once, at most 20. */
export function mentionedIds(text: string): string[] {
  const ids = new Set<string>();
  for (const match of text.matchAll(MENTION)) {
    ids.add(match[2]);
    if (ids.size === MAX_MENTIONS) break;
  }
  return [...ids];
}

/**
 * The text with each mention of a known member turned into a Markdown link to their profile,
 * labelled with their name as it is now; mentions of unknown ids keep their label only.
 */
export function linkMentions(text: string, names: ReadonlyMap<string, string>): string {
  return text.replace(MENTION, (_whole, label: string, id: string) => {
    const name = names.get(id);
    return name ? `[@${escapeLabel(name)}](/members/${id})` : `@${label}`;
  });
}

function escapeLabel(name: string): string {
  return name.replace(/[[\]\\*_`]/g, (character) => `\\${character}`);
}
