import type { ErrorDetail } from '@plenary/core';
import type { KindDefinition } from '../engine/kind-definition.js';
import { INITIATIVE } from '../model/library-kinds.js';

const list = <T>(value: unknown): T[] => (Array.isArray(value) ? (value as T[]) : []);

/** Initiatives (good practices and flagship initiatives) in the one review engine: their catalogue year is the start's. */
export const INITIATIVE_KIND: KindDefinition = {
  kind: 'initiative',
  subject: INITIATIVE,
  label: 'Initiative',
  defaults: () => ({
    partnerOrganisations: [],
    countries: [],
    regions: [],
    principles: [],
    results: '',
    links: [],
    languages: [],
    tags: [],
    fileIds: [],
  }),
  catalogue: (content) => {
    const period = (content.period ?? {}) as { start?: string };
    return {
      title: String(content.title),
      type: 'initiative',
      year: period.start ? Number(period.start.slice(0, 4)) : null,
      objectives: list<number>(content.objectives),
      principles: list<string>(content.principles),
      regions: list<string>(content.regions),
      countries: list<string>(content.countries),
      languages: list<string>(content.languages),
      organisations: [String(content.leadOrganisation), ...list<string>(content.partnerOrganisations)],
      tags: list<string>(content.tags),
      fileIds: list<string>(content.fileIds),
      searchText: [String(content.title), String(content.summary), String(content.results ?? '')],
    };
  },
  invalid: (content): ErrorDetail[] => {
    const period = (content.period ?? {}) as { start?: string; end?: string };
    return period.end && period.start && period.end < period.start
      ? [{ field: 'period.end', problem: 'must not be before period.start' }]
      : [];
  },
  missingForSubmission: () => [],
};
