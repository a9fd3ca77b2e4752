import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsoDateTime, Optional, PageQuery, Trimmed } from '@plenary/core';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsMongoId,
  IsOptional,
  IsString,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import {
  CONSULTATION_STATES,
  type ConsultationState,
  SECTIONS_MAX,
  TEXT_MAX,
  TITLE_MAX,
  TITLE_MIN,
} from '../../model/consultation-kinds.js';

const ID = { message: 'must be a 24-character hex id' };
const A_LIST = { message: 'must be a list' };

export class ConsultationSectionDto {
  @ApiProperty({ minLength: TITLE_MIN, maxLength: TITLE_MAX })
  @Trimmed()
  @IsString()
  @MinLength(TITLE_MIN)
  @MaxLength(TITLE_MAX)
  title!: string;

  @ApiProperty({ minLength: 1, maxLength: TEXT_MAX, description: 'Markdown: the section of the draft' })
  @Trimmed()
  @IsString()
  @MinLength(1)
  @MaxLength(TEXT_MAX)
  text!: string;
}

export class CreateConsultationDto {
  @ApiProperty({ minLength: TITLE_MIN, maxLength: TITLE_MAX, example: 'Workplan 2027 of the network' })
  @Trimmed()
  @IsString()
  @MinLength(TITLE_MIN)
  @MaxLength(TITLE_MAX)
  title!: string;

  @ApiPropertyOptional({ maxLength: TEXT_MAX, description: 'Markdown: what the draft is and what inputs are sought' })
  @Optional()
  @Trimmed()
  @IsString()
  @MaxLength(TEXT_MAX)
  body?: string;

  @ApiProperty({
    example: '2026-09-30T17:00:00Z',
    description: 'inputs are taken until then; it must be in the future',
  })
  @IsString()
  @IsoDateTime()
  closesAt!: string;

  @ApiPropertyOptional({ description: "a group's id: only its members comment, and it follows the group's visibility" })
  @Optional()
  @IsMongoId(ID)
  groupId?: string;

  @ApiProperty({ type: [ConsultationSectionDto], minItems: 1, maxItems: SECTIONS_MAX })
  @IsArray(A_LIST)
  @ArrayMinSize(1, { message: 'must have at least one section' })
  @ArrayMaxSize(SECTIONS_MAX, { message: `must have at most ${SECTIONS_MAX} sections` })
  @ValidateNested({ each: true, message: 'must hold objects' })
  @Type(() => ConsultationSectionDto)
  sections!: ConsultationSectionDto[];
}

export class UpdateConsultationDto {
  @ApiPropertyOptional({ minLength: TITLE_MIN, maxLength: TITLE_MAX })
  @Optional()
  @Trimmed()
  @IsString()
  @MinLength(TITLE_MIN)
  @MaxLength(TITLE_MAX)
  title?: string;

  @ApiPropertyOptional({ maxLength: TEXT_MAX })
  @Optional()
  @Trimmed()
  @IsString()
  @MaxLength(TEXT_MAX)
  body?: string;

  @ApiPropertyOptional({
    description: 'a new deadline: a later one extends (or reopens) the consultation, a past one closes it now',
  })
  @Optional()
  @IsString()
  @IsoDateTime()
  closesAt?: string;
}

export class ConsultationListQuery extends PageQuery {
  @ApiPropertyOptional({
    enum: CONSULTATION_STATES,
    description: 'open: closing soonest first; closed: latest deadline first; left out: all, latest deadline first',
  })
  @IsOptional()
  @IsIn(CONSULTATION_STATES, { message: `must be one of ${CONSULTATION_STATES.join(', ')}` })
  status?: ConsultationState;

  @ApiPropertyOptional({ description: "only this group's consultations" })
  @IsOptional()
  @IsMongoId(ID)
  group?: string;
}
