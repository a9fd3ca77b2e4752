import { Injectable } from '@nestjs/common';
import { ApiError, normaliseTag, pageRequest, prefixPatterns, searchTerms } from '@plenary/core';
import type { Principal } from '@plenary/identity';
import type { QueryFilter } from 'mongoose';
import type { ItemView } from '../engine/item-access.js';
import { ItemAccess } from '../engine/item-access.js';
import type { KindDefinition } from '../engine/kind-definition.js';
import { FACET_NAMES, type FacetName } from '../model/library-kinds.js';
import type { LibraryItem } from '../records/item.schema.js';
import { ItemsRepository } from '../records/items.repository.js';
import type { CatalogueQuery, FacetCount, Facets, ResourceCatalogueQuery } from './dto/catalogue.dto.js';

const FACET_FIELDS: Record<FacetName, { field: string; isArray: boolean }> = {
  type: { field: 'type', isArray: false },
  objective: { field: 'objectives', isArray: true },
  region: { field: 'regions', isArray: true },
  language: { field: 'languages', isArray: true },
  year: { field: 'year', isArray: false },
};

export interface CataloguePage {
  items: ItemView[];
  nextCursor: string | null;
  /** Items the filter matches, all pages together. */
  total: number;
  facets: Facets | null;
}

/**
 * The catalogue: published items only (the access rules add their audience), filtered, searched
 * over their words (title, summary, tags, the files' text), latest published first, with facet
 * counts for the current filter: one small aggregation per facet (arrays unwound, one `$group`
 * accumulator), which FerretDB 1.24 runs as MongoDB does.
 */
@Injectable()
export class CatalogueService {
  constructor(
    private readonly items: ItemsRepository,
    private readonly access: ItemAccess,
  ) {}

  async list(
    definition: KindDefinition,
    principal: Principal | null,
    query: CatalogueQuery & Partial<Pick<ResourceCatalogueQuery, 'type'>>,
  ): Promise<CataloguePage> {
    const caller = await this.access.callerOf(principal);
    const visible = caller.filter('read', definition.subject);
    if (!visible) return { items: [], nextCursor: null, total: 0, facets: null };
    const conditions = [visible, { kind: definition.kind, status: 'published' }, ...this.filters(query)];
    const page = await this.items.catalogue(conditions, pageRequest(query));
    const [items, total, facets] = await Promise.all([
      this.access.views(definition, caller, page.items),
      this.items.countMatching(conditions),
      query.facets === false ? null : this.facets(conditions),
    ]);
    return { items, nextCursor: page.nextCursor, total, facets };
  }

  private filters(query: CatalogueQuery & { type?: string }): QueryFilter<LibraryItem>[] {
    const filters: QueryFilter<LibraryItem>[] = [];
    if (query.yearFrom !== undefined && query.yearTo !== undefined && query.yearFrom > query.yearTo) {
      throw ApiError.invalidField('yearTo', 'must not be before yearFrom');
    }
    if (query.type) filters.push({ type: query.type });
    if (query.objective !== undefined) filters.push({ objectives: query.objective });
    if (query.principle) filters.push({ principles: query.principle });
    if (query.region) filters.push({ regions: query.region });
    if (query.country) filters.push({ countries: query.country });
    if (query.language) filters.push({ languages: query.language });
    if (query.yearFrom !== undefined || query.yearTo !== undefined) {
      filters.push({
        year: {
          ...(query.yearFrom !== undefined ? { $gte: query.yearFrom } : {}),
          ...(query.yearTo !== undefined ? { $lte: query.yearTo } : {}),
        },
      });
    }
    if (query.organisation) filters.push({ organisations: query.organisation.trim().toLowerCase() });
    if (query.tag) filters.push({ tags: normaliseTag(query.tag) });
    if (query.q !== undefined) {
      const words = searchTerms([query.q]);
      if (words.length === 0) throw ApiError.invalidField('q', 'must hold a word of two or more letters or digits');
      filters.push(...prefixPatterns(words));
    }
    return filters;
  }

  private async facets(conditions: QueryFilter<LibraryItem>[]): Promise<Facets> {
    const entries = await Promise.all(
      FACET_NAMES.map(async (name) => {
        const { field, isArray } = FACET_FIELDS[name];
        const counts = await this.items.facet(conditions, field, isArray);
        const sorted: FacetCount[] = [...counts]
          .map(([value, count]) => ({ value, count }))
          .sort((a, b) => b.count - a.count || String(a.value).localeCompare(String(b.value)));
        return [name, sorted] as const;
      }),
    );
    return Object.fromEntries(entries) as unknown as Facets;
  }
}
