/** A case-insensitive "contains" pattern for a user's search text, every regex character escaped. */
export function containsPattern(text: string): RegExp {
  return new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i');
}
