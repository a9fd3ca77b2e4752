import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Authenticated, Caller, type Principal } from '@plenary/identity';
import { SearchPage, SearchQuery } from './dto/search.dto.js';
import { SearchService } from './search.service.js';

@ApiTags('forum')
@Authenticated({ optional: true })
@Controller('search')
export class SearchController {
  constructor(private readonly searchService: SearchService) {}

  @Get()
  @ApiOkResponse({ type: SearchPage })
  search(@Caller() caller: Principal | null, @Query() query: SearchQuery): Promise<SearchPage> {
    return this.searchService.search(caller, query);
  }
}
