import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { LanguageCode } from '@plenary/community';
import { Optional, Trimmed } from '@plenary/core';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsMongoId, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { POSTING_POLICIES, type PostingPolicy } from '../../model/forum-kinds.js';

const POLICY_PROBLEM = { message: `must be one of ${POSTING_POLICIES.join(', ')}` };

export class CreateCategoryDto {
  @ApiProperty({ minLength: 2, maxLength: 80, example: 'Labour migration' })
  @Trimmed()
  @IsString()
  @MinLength(2)
  @MaxLength(80)
  name!: string;

  @ApiPropertyOptional({ maxLength: 2000 })
  @Optional()
  @Trimmed()
  @IsString()
  @MaxLength(2000)
  description?: string;

  @ApiPropertyOptional({ description: "a group's id: the category is that group's" })
  @Optional()
  @IsMongoId({ message: 'must be a 24-character hex id' })
  groupId?: string;

  @ApiPropertyOptional({ enum: POSTING_POLICIES, default: 'members', description: 'moderators: announcements' })
  @Optional()
  @IsIn(POSTING_POLICIES, POLICY_PROBLEM)
  postingPolicy?: PostingPolicy;

  @ApiPropertyOptional({ minimum: 0, maximum: 10000, default: 0 })
  @Optional()
  @IsInt()
  @Min(0)
  @Max(10000)
  order?: number;

  @ApiPropertyOptional({ description: 'ISO 639-1; threads start in it unless they say otherwise', default: 'en' })
  @Optional()
  @LanguageCode()
  language?: string;
}

export class UpdateCategoryDto {
  @ApiPropertyOptional({ minLength: 2, maxLength: 80 })
  @Optional()
  @Trimmed()
  @IsString()
  @MinLength(2)
  @MaxLength(80)
  name?: string;

  @ApiPropertyOptional({ maxLength: 2000 })
  @Optional()
  @Trimmed()
  @IsString()
  @MaxLength(2000)
  description?: string;

  @ApiPropertyOptional({ enum: POSTING_POLICIES })
  @Optional()
  @IsIn(POSTING_POLICIES, POLICY_PROBLEM)
  postingPolicy?: PostingPolicy;

  @ApiPropertyOptional({ minimum: 0, maximum: 10000 })
  @Optional()
  @IsInt()
  @Min(0)
  @Max(10000)
  order?: number;

  @ApiPropertyOptional({ description: 'ISO 639-1' })
  @Optional()
  @LanguageCode()
  language?: string;
}

export class CategoryListQuery {
  @ApiPropertyOptional({ description: "only this group's categories" })
  @IsOptional()
  @IsMongoId({ message: 'must be a 24-character hex id' })
  groupId?: string;

  @ApiPropertyOptional({ description: 'only the platform-wide categories' })
  @IsOptional()
  @Type(() => String)
  @IsIn(['true'], { message: 'must be true' })
  platform?: 'true';
}

export class CategoryViewer {
  @ApiProperty() canStartThread!: boolean;
  @ApiProperty({ description: 'may edit and delete the category' }) canManage!: boolean;
  @ApiProperty() canModerate!: boolean;
}

export class CategoryView {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() slug!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ type: String, nullable: true }) groupId!: string | null;
  @ApiProperty({ enum: POSTING_POLICIES }) postingPolicy!: PostingPolicy;
  @ApiProperty() order!: number;
  @ApiProperty() language!: string;
  @ApiProperty({ description: 'threads the caller may read' }) threadCount!: number;
  @ApiProperty({ description: 'threads with posts the caller has not read (all of them for a guest)' })
  unreadThreadCount!: number;
  @ApiProperty({
    description: 'whether the caller follows it (its new threads come in their digest); false for a guest',
  })
  followed!: boolean;
  @ApiProperty({ type: CategoryViewer }) viewer!: CategoryViewer;
  @ApiProperty() createdAt!: Date;
  @ApiProperty() updatedAt!: Date;
}

export class CategoryList {
  @ApiProperty({ type: [CategoryView] }) items!: CategoryView[];
}
