import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { LanguageCode, ObjectiveNumber } from '@plenary/community';
import { PageQuery, SearchTextRules, Trimmed } from '@plenary/core';
import { IsIn, IsMongoId, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { PostView, ThreadView } from '../../threads/dto/thread.dto.js';

export const SEARCH_TYPES = ['thread', 'post'] as const;
export type SearchType = (typeof SEARCH_TYPES)[number];
const ID = { message: 'must be a 24-character hex id' };

export class SearchQuery extends PageQuery {
  @ApiProperty({
    description: 'words; each matches the start of a word of the title, tags or text, any case or accent',
  })
  @SearchTextRules()
  q!: string;

  @ApiPropertyOptional({
    enum: SEARCH_TYPES,
    description: 'threads (title and tags) or posts (text); both when absent',
  })
  @IsOptional()
  @IsIn(SEARCH_TYPES, { message: `must be one of ${SEARCH_TYPES.join(', ')}` })
  type?: SearchType;

  @ApiPropertyOptional({ description: 'a category id' })
  @IsOptional()
  @IsMongoId(ID)
  category?: string;

  @ApiPropertyOptional({ description: 'a group id' })
  @IsOptional()
  @IsMongoId(ID)
  group?: string;

  @ApiPropertyOptional({ description: 'a free tag' })
  @IsOptional()
  @Trimmed()
  @IsString()
  @MinLength(2)
  @MaxLength(30)
  tag?: string;

  @ApiPropertyOptional({ description: 'a GCM objective number' })
  @IsOptional()
  @ObjectiveNumber()
  objective?: number;

  @ApiPropertyOptional({ description: "an author's member id" })
  @IsOptional()
  @IsMongoId(ID)
  author?: string;

  @ApiPropertyOptional({ description: 'ISO 639-1' })
  @IsOptional()
  @LanguageCode()
  language?: string;
}

export class SearchHit {
  @ApiProperty({ enum: SEARCH_TYPES }) type!: SearchType;
  @ApiPropertyOptional({ type: ThreadView }) thread?: ThreadView;
  @ApiPropertyOptional({ type: PostView }) post?: PostView;
}

export class SearchPage {
  @ApiProperty({ type: [SearchHit], description: 'newest first' }) items!: SearchHit[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}
