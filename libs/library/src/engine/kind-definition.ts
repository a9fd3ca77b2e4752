import type { ErrorDetail } from '@plenary/core';
import type { ReviewableKind } from '../model/library-kinds.js';
import type { CatalogueFields } from '../records/items.repository.js';

/**
 * What the one review engine needs to know of a kind of item: its access subject and name, its
 * content in the catalogue's shape, and what a draft must have before it is submitted. Resources
 * and initiatives each define one (resources/resource-kind.ts, initiatives/initiative-kind.ts).
 */
export interface KindDefinition {
  kind: ReviewableKind;
  subject: string;
  label: string;
  /** The content in the catalogue's shape, with the text searched besides the files' (title, summary, tags…). */
  catalogue(content: Record<string, unknown>): Omit<CatalogueFields, 'terms'> & { searchText: string[] };
  /** The content's optional fields as stored when left out. */
  defaults(): Record<string, unknown>;
  /** What is wrong with the content as a whole (fields that must agree): a 400 naming them. */
  invalid(content: Record<string, unknown>): ErrorDetail[];
  /** What keeps the content from being submitted (a resource needs files or a link). */
  missingForSubmission(content: Record<string, unknown>): ErrorDetail[];
}
