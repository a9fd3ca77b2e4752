import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CountryCode, LanguageCode, ObjectiveNumber, PRINCIPLE_KEYS, RegionKey } from '@plenary/community';
import { PageQuery, SearchTextRules } from '@plenary/core';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { RESOURCE_TYPES, type ResourceType } from '../../model/library-kinds.js';

export const YEAR_MIN = 1900;
export const YEAR_MAX = 2100;

/** The filters both catalogues take (GET /resources, GET /initiatives). */
export class CatalogueQuery extends PageQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 23 })
  @IsOptional()
  @ObjectiveNumber()
  objective?: number;

  @ApiPropertyOptional({ enum: PRINCIPLE_KEYS })
  @IsOptional()
  @IsString()
  @IsIn(PRINCIPLE_KEYS, { message: `must be one of ${PRINCIPLE_KEYS.join(', ')}` })
  principle?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @RegionKey()
  region?: string;

  @ApiPropertyOptional({ description: 'ISO 3166-1 alpha-2' })
  @IsOptional()
  @CountryCode()
  country?: string;

  @ApiPropertyOptional({ description: 'ISO 639-1' })
  @IsOptional()
  @LanguageCode()
  language?: string;

  @ApiPropertyOptional({ minimum: YEAR_MIN, maximum: YEAR_MAX })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: `must be a year from ${YEAR_MIN} to ${YEAR_MAX}` })
  @Min(YEAR_MIN)
  @Max(YEAR_MAX)
  yearFrom?: number;

  @ApiPropertyOptional({ minimum: YEAR_MIN, maximum: YEAR_MAX })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: `must be a year from ${YEAR_MIN} to ${YEAR_MAX}` })
  @Min(YEAR_MIN)
  @Max(YEAR_MAX)
  yearTo?: number;

  @ApiPropertyOptional({ description: 'an organisation, exactly (any case)', maxLength: 200 })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  organisation?: string;

  @ApiPropertyOptional({ maxLength: 50 })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(50)
  tag?: string;

  @ApiPropertyOptional({ description: 'words of the title, summary, tags or the files’ text (prefixes match)' })
  @IsOptional()
  @SearchTextRules()
  q?: string;

  @ApiPropertyOptional({ description: 'false: leave the facet counts out', default: true })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'must be true or false' })
  facets?: boolean;
}

export class ResourceCatalogueQuery extends CatalogueQuery {
  @ApiPropertyOptional({ enum: RESOURCE_TYPES })
  @IsOptional()
  @IsIn(RESOURCE_TYPES, { message: `must be one of ${RESOURCE_TYPES.join(', ')}` })
  type?: ResourceType;
}

export class FacetCount {
  @ApiProperty({ oneOf: [{ type: 'string' }, { type: 'number' }] }) value!: string | number;
  @ApiProperty() count!: number;
}

/** Counts over every item the current filter matches (not only the page), most frequent first. */
export class Facets {
  @ApiProperty({ type: [FacetCount] }) type!: FacetCount[];
  @ApiProperty({ type: [FacetCount] }) objective!: FacetCount[];
  @ApiProperty({ type: [FacetCount] }) region!: FacetCount[];
  @ApiProperty({ type: [FacetCount] }) language!: FacetCount[];
  @ApiProperty({ type: [FacetCount] }) year!: FacetCount[];
}
