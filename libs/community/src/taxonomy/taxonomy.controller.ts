import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '@plenary/identity';
import { CountryList, ObjectiveList, TaxonomyQuery, TermList } from './dto/taxonomy.dto.js';
import type { UiLanguage } from './reference-data.js';
import { ResponseLanguage } from './response-language.decorator.js';
import { TaxonomyService } from './taxonomy.service.js';

/**
 * Reference data, open to everyone, in the language asked. `query` is bound so that a bad or
 * unknown parameter is refused; the language itself comes from @ResponseLanguage.
 */
@ApiTags('taxonomy')
@Public()
@Controller('taxonomy')
export class TaxonomyController {
  constructor(private readonly taxonomy: TaxonomyService) {}

  @Get('objectives')
  @ApiOkResponse({ type: ObjectiveList })
  objectives(@Query() _query: TaxonomyQuery, @ResponseLanguage() language: UiLanguage): Promise<ObjectiveList> {
    return this.taxonomy.objectives(language);
  }

  @Get('principles')
  @ApiOkResponse({ type: TermList })
  principles(@Query() _query: TaxonomyQuery, @ResponseLanguage() language: UiLanguage): Promise<TermList> {
    return this.taxonomy.termsOf('principle', language);
  }

  @Get('regions')
  @ApiOkResponse({ type: TermList })
  regions(@Query() _query: TaxonomyQuery, @ResponseLanguage() language: UiLanguage): Promise<TermList> {
    return this.taxonomy.termsOf('region', language);
  }

  @Get('organisation-types')
  @ApiOkResponse({ type: TermList })
  organisationTypes(@Query() _query: TaxonomyQuery, @ResponseLanguage() language: UiLanguage): TermList {
    return this.taxonomy.organisationTypes(language);
  }

  @Get('countries')
  @ApiOkResponse({ type: CountryList })
  countries(@Query() _query: TaxonomyQuery, @ResponseLanguage() language: UiLanguage): CountryList {
    return this.taxonomy.countries(language);
  }
}
