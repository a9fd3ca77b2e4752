import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { LanguageCodeList, ObjectiveNumberList } from '@plenary/community';
import { Optional, Trimmed } from '@plenary/core';
import { Type } from 'class-transformer';
import { IsIn, IsMongoId, IsObject, IsString, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { Facets } from '../../catalogue/dto/catalogue.dto.js';
import { ItemBaseView } from '../../engine/dto/engine.dto.js';
import {
  CountryCodeList,
  FileIdList,
  LinkList,
  NameList,
  NonEmpty,
  PrincipleKeyList,
  RegionKeyList,
  SummaryField,
  TagList,
  TitleField,
} from '../../model/fields.dto.js';
import { INITIATIVE_STAGES, type InitiativeStage, SUMMARY_MAX, TITLE_MAX } from '../../model/library-kinds.js';

const STAGE = { message: `must be one of ${INITIATIVE_STAGES.join(', ')}` };
const DAY = { message: 'must be a date such as 2024-03-01' };
const DATE = /^(19|20)\d{2}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export class PeriodDto {
  @ApiProperty({ example: '2023-01-01' })
  @IsString(DAY)
  @Matches(DATE, DAY)
  start!: string;

  @ApiPropertyOptional({ example: '2025-12-31', description: 'left out while it runs' })
  @Optional()
  @IsString(DAY)
  @Matches(DATE, DAY)
  end?: string;
}

const OrganisationName = () => applyDecorators(Trimmed(), IsString(), MinLength(1), MaxLength(200));

export class CreateInitiativeDto {
  @ApiProperty({ minLength: 2, maxLength: TITLE_MAX })
  @TitleField()
  title!: string;

  @ApiProperty({ maxLength: SUMMARY_MAX })
  @SummaryField()
  summary!: string;

  @ApiProperty({ maxLength: 200 })
  @OrganisationName()
  leadOrganisation!: string;

  @ApiPropertyOptional({ type: [String] })
  @Optional()
  @NameList()
  partnerOrganisations?: string[];

  @ApiPropertyOptional({ type: [String] })
  @Optional()
  @CountryCodeList()
  countries?: string[];

  @ApiPropertyOptional({ type: [String] })
  @Optional()
  @RegionKeyList()
  regions?: string[];

  @ApiProperty({ type: [Number], description: 'GCM objectives 1–23, at least one' })
  @ObjectiveNumberList()
  @NonEmpty()
  objectives!: number[];

  @ApiPropertyOptional({ type: [String] })
  @Optional()
  @PrincipleKeyList()
  principles?: string[];

  @ApiProperty({ type: PeriodDto })
  @IsObject({ message: 'must be an object' })
  @ValidateNested()
  @Type(() => PeriodDto)
  period!: PeriodDto;

  @ApiProperty({ enum: INITIATIVE_STAGES, description: "the initiative's own progress" })
  @IsIn(INITIATIVE_STAGES, STAGE)
  stage!: InitiativeStage;

  @ApiPropertyOptional({ maxLength: SUMMARY_MAX })
  @Optional()
  @Trimmed()
  @IsString()
  @MaxLength(SUMMARY_MAX)
  results?: string;

  @ApiPropertyOptional({ type: [String] })
  @Optional()
  @LinkList()
  links?: string[];

  @ApiPropertyOptional({ type: [String], description: 'ISO 639-1' })
  @Optional()
  @LanguageCodeList()
  languages?: string[];

  @ApiPropertyOptional({ type: [String] })
  @Optional()
  @TagList()
  tags?: string[];

  @ApiPropertyOptional({ type: [String] })
  @Optional()
  @FileIdList()
  fileIds?: string[];

  @ApiPropertyOptional({ description: "a group's id: the initiative is in that group's library" })
  @Optional()
  @IsMongoId({ message: 'must be a 24-character hex id' })
  groupId?: string;
}

export class UpdateInitiativeDto {
  @ApiPropertyOptional({ minLength: 2, maxLength: TITLE_MAX })
  @Optional()
  @TitleField()
  title?: string;

  @ApiPropertyOptional({ maxLength: SUMMARY_MAX })
  @Optional()
  @SummaryField()
  summary?: string;

  @ApiPropertyOptional({ maxLength: 200 })
  @Optional()
  @OrganisationName()
  leadOrganisation?: string;

  @ApiPropertyOptional({ type: [String] })
  @Optional()
  @NameList()
  partnerOrganisations?: string[];

  @ApiPropertyOptional({ type: [String] })
  @Optional()
  @CountryCodeList()
  countries?: string[];

  @ApiPropertyOptional({ type: [String] })
  @Optional()
  @RegionKeyList()
  regions?: string[];

  @ApiPropertyOptional({ type: [Number] })
  @Optional()
  @ObjectiveNumberList()
  @NonEmpty()
  objectives?: number[];

  @ApiPropertyOptional({ type: [String] })
  @Optional()
  @PrincipleKeyList()
  principles?: string[];

  @ApiPropertyOptional({ type: PeriodDto })
  @Optional()
  @IsObject({ message: 'must be an object' })
  @ValidateNested()
  @Type(() => PeriodDto)
  period?: PeriodDto;

  @ApiPropertyOptional({ enum: INITIATIVE_STAGES })
  @Optional()
  @IsIn(INITIATIVE_STAGES, STAGE)
  stage?: InitiativeStage;

  @ApiPropertyOptional({ maxLength: SUMMARY_MAX })
  @Optional()
  @Trimmed()
  @IsString()
  @MaxLength(SUMMARY_MAX)
  results?: string;

  @ApiPropertyOptional({ type: [String] })
  @Optional()
  @LinkList()
  links?: string[];

  @ApiPropertyOptional({ type: [String] })
  @Optional()
  @LanguageCodeList()
  languages?: string[];

  @ApiPropertyOptional({ type: [String] })
  @Optional()
  @TagList()
  tags?: string[];

  @ApiPropertyOptional({ type: [String] })
  @Optional()
  @FileIdList()
  fileIds?: string[];
}

export class PeriodView {
  @ApiProperty() start!: string;
  @ApiPropertyOptional() end?: string;
}

export class InitiativeView extends ItemBaseView {
  @ApiProperty() title!: string;
  @ApiProperty() summary!: string;
  @ApiProperty() leadOrganisation!: string;
  @ApiProperty({ type: [String] }) partnerOrganisations!: string[];
  @ApiProperty({ type: [String] }) countries!: string[];
  @ApiProperty({ type: [String] }) regions!: string[];
  @ApiProperty({ type: [Number] }) objectives!: number[];
  @ApiProperty({ type: [String] }) principles!: string[];
  @ApiProperty({ type: PeriodView }) period!: PeriodView;
  @ApiProperty({ enum: INITIATIVE_STAGES }) stage!: InitiativeStage;
  @ApiProperty() results!: string;
  @ApiProperty({ type: [String] }) links!: string[];
  @ApiProperty({ type: [String] }) languages!: string[];
  @ApiProperty({ type: [String] }) tags!: string[];
  @ApiProperty({ type: [String] }) fileIds!: string[];
}

export class InitiativePage {
  @ApiProperty({ type: [InitiativeView] }) items!: InitiativeView[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}

export class InitiativeCatalogue extends InitiativePage {
  @ApiProperty({ description: 'initiatives the filter matches, all pages together' }) total!: number;
  @ApiProperty({ type: Facets, nullable: true }) facets!: Facets | null;
}
