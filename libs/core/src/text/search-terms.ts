/** Words too common to search by, in the platform's languages. */
const STOP_WORDS = new Set(
  (
    'a an and are as at be but by for from has have in into is it its of on or that the their this to was were ' +
    'will with au aux avec ce ces dans de des du elle en est et il ils la le les leur mais ne ou par pas pour qu ' +
    'que qui sa se ses son sur un une vos votre al con del el ella ellos en es la las lo los no o para por que se ' +
    'su sus un una y'
  ).split(' '),
);
/** How many words a document is found by, at most: a thread's title or a post (a library item with its files' text takes more). */
export const MAX_TERMS = 300;
const MAX_TERM_LENGTH = 40;

/**
 * The words of texts as a search index holds them (forum threads and posts, library items): lower
 * case, accents removed, split on anything but letters and digits, stop-words and single characters
 * dropped, each word once, at most `limit`. A query's words are normalised the same way and matched
 * as prefixes (`prefixPatterns`).
 */
export function searchTerms(texts: string[], limit = MAX_TERMS): string[] {
  const terms = new Set<string>();
  for (const text of texts) {
    for (const word of normalise(text).split(/[^\p{L}\p{N}]+/u)) {
      if (word.length < 2 || STOP_WORDS.has(word)) continue;
      terms.add(word.slice(0, MAX_TERM_LENGTH));
      if (terms.size === limit) return [...terms];
    }
  }
  return [...terms];
}

/** Anchored prefix patterns on a `terms` field, one per query word, every regex character escaped. */
export function prefixPatterns(words: string[]): { terms: { $regex: string } }[] {
  return words.map((word) => ({ terms: { $regex: `^${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}` } }));
}

function normalise(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** A normalised free tag: trimmed, lower case, accents removed, inner spaces as hyphens. */
export function normaliseTag(tag: string): string {
  return normalise(tag.trim()).replace(/\s+/g, '-');
}
