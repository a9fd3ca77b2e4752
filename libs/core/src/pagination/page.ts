import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/** Query parameters of every cursor-paginated list. */
export class PageQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit: number = DEFAULT_PAGE_SIZE;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,512}$/, { message: 'must be a cursor returned by a previous page' })
  cursor?: string;
}

/** What a repository needs to read one page: its size and where the previous page ended. */
export interface PageRequest {
  limit: number;
  cursor?: string;
}

export function pageRequest(query: PageQuery): PageRequest {
  return { limit: query.limit, cursor: query.cursor };
}

/** One page of a list: the items and, when more follow, the cursor of the next page. */
export class Page<T> {
  @ApiProperty({ isArray: true })
  items!: T[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor!: string | null;
}

export function mapPage<T, R>(page: Page<T>, map: (item: T) => R): Page<R> {
  return { items: page.items.map(map), nextCursor: page.nextCursor };
}
