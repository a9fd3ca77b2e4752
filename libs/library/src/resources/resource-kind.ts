import type { ErrorDetail } from '@plenary/core';
import type { KindDefinition } from '../engine/kind-definition.js';
import { RESOURCE } from '../model/library-kinds.js';

const list = <T>(value: unknown): T[] => (Array.isArray(value) ? (value as T[]) : []);

/** Resources in the one review engine. */
export const RESOURCE_KIND: KindDefinition = {
  kind: 'resource',
  subject: RESOURCE,
  label: 'Resource',
  defaults: () => ({
    authors: [],
    organisations: [],
    year: null,
    countries: [],
    regions: [],
    principles: [],
    tags: [],
    fileIds: [],
    link: null,
    licence: null,
  }),
  catalogue: (content) => ({
    title: String(content.title),
    type: String(content.type),
    year: typeof content.year === 'number' ? content.year : null,
    objectives: list<number>(content.objectives),
    principles: list<string>(content.principles),
    regions: list<string>(content.regions),
    countries: list<string>(content.countries),
    languages: list<string>(content.languages),
    organisations: list<string>(content.organisations),
    tags: list<string>(content.tags),
    fileIds: list<string>(content.fileIds),
    searchText: [String(content.title), String(content.abstract), ...list<string>(content.authors)],
  }),
  invalid: () => [],
  missingForSubmission: (content): ErrorDetail[] =>
    list(content.fileIds).length === 0 && !content.link
      ? [{ field: 'fileIds', problem: 'a resource needs files or a link before it is submitted' }]
      : [],
};
