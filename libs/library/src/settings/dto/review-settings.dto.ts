import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Optional, Trimmed } from '@plenary/core';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsInt,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';

export class CriterionDto {
  @ApiProperty({ example: 'relevance', description: 'lower case letters, digits, - and _' })
  @IsString()
  @Matches(/^[a-z][a-z0-9_-]{0,39}$/, { message: 'must be 1 to 40 lower case letters, digits, - or _' })
  key!: string;

  @ApiProperty({ maxLength: 120 })
  @Trimmed()
  @IsString()
  @MinLength(1)
  @MaxLength(120)
  label!: string;

  @ApiPropertyOptional({ maxLength: 1000 })
  @Optional()
  @Trimmed()
  @IsString()
  @MaxLength(1000)
  description?: string;
}

export class ReviewSettingsDto {
  @ApiProperty({ type: [CriterionDto], description: 'the rubric: each criterion is scored 1–5' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => CriterionDto)
  criteria!: CriterionDto[];

  @ApiPropertyOptional({ minimum: 1, maximum: 10, description: 'reviews of the current version before a decision' })
  @Optional()
  @IsInt()
  @Min(1)
  @Max(10)
  quorum?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 180, description: 'days a reviewer has, unless the editor sets a date' })
  @Optional()
  @IsInt()
  @Min(1)
  @Max(180)
  reviewDays?: number;
}

export class CriterionView {
  @ApiProperty() key!: string;
  @ApiProperty() label!: string;
  @ApiProperty() description!: string;
}

export class ReviewSettingsView {
  @ApiProperty({ type: [CriterionView] }) criteria!: CriterionView[];
  @ApiProperty() quorum!: number;
  @ApiProperty() reviewDays!: number;
}
