import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiHeader, ApiNotModifiedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '@plenary/identity';
import type { Response } from 'express';
import { CountryList, ObjectiveList, TaxonomyQuery, TermList } from './dto/taxonomy.dto.js';
import type { UiLanguage } from './reference-data.js';
import { ResponseLanguage } from './response-language.decorator.js';
import { type ServedList, TaxonomyService } from './taxonomy.service.js';

/** Clients and shared caches may keep a list this long, then revalidate it with its ETag. */
export const TAXONOMY_CACHE_CONTROL = 'public, max-age=300';

/**
 * Reference data, open to everyone, in the language asked, served from memory. `query` is bound so
 * that a bad or unknown parameter is refused; the language itself comes from @ResponseLanguage.
 */
@ApiTags('taxonomy')
@ApiHeader({ name: 'If-None-Match', required: false, description: 'an ETag received before: 304 if unchanged' })
@ApiNotModifiedResponse({ description: 'the list has not changed since the ETag sent in If-None-Match' })
@Public()
@Controller('taxonomy')
export class TaxonomyController {
  constructor(private readonly taxonomy: TaxonomyService) {}

  @Get('objectives')
  @ApiOkResponse({ type: ObjectiveList })
  objectives(
    @Query() _query: TaxonomyQuery,
    @ResponseLanguage() language: UiLanguage,
    @Res({ passthrough: true }) response: Response,
  ): string {
    return send(response, this.taxonomy.served('objectives', language));
  }

  @Get('principles')
  @ApiOkResponse({ type: TermList })
  principles(
    @Query() _query: TaxonomyQuery,
    @ResponseLanguage() language: UiLanguage,
    @Res({ passthrough: true }) response: Response,
  ): string {
    return send(response, this.taxonomy.served('principles', language));
  }

  @Get('regions')
  @ApiOkResponse({ type: TermList })
  regions(
    @Query() _query: TaxonomyQuery,
    @ResponseLanguage() language: UiLanguage,
    @Res({ passthrough: true }) response: Response,
  ): string {
    return send(response, this.taxonomy.served('regions', language));
  }

  @Get('organisation-types')
  @ApiOkResponse({ type: TermList })
  organisationTypes(
    @Query() _query: TaxonomyQuery,
    @ResponseLanguage() language: UiLanguage,
    @Res({ passthrough: true }) response: Response,
  ): string {
    return send(response, this.taxonomy.served('organisation-types', language));
  }

  @Get('countries')
  @ApiOkResponse({ type: CountryList })
  countries(
    @Query() _query: TaxonomyQuery,
    @ResponseLanguage() language: UiLanguage,
    @Res({ passthrough: true }) response: Response,
  ): string {
    return send(response, this.taxonomy.served('countries', language));
  }
}

/**
 * The list's ready JSON, with its ETag. Express's res.send answers 304 without a body when the
 * request's If-None-Match holds that ETag.
 */
function send(response: Response, list: ServedList): string {
  response.setHeader('Content-Type', 'application/json; charset=utf-8');
  response.setHeader('ETag', list.etag);
  response.setHeader('Cache-Control', TAXONOMY_CACHE_CONTROL);
  return list.json;
}
