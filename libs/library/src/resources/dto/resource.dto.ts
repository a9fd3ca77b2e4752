import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { LanguageCodeList, ObjectiveNumberList } from '@plenary/community';
import { Optional, Trimmed } from '@plenary/core';
import { IsIn, IsInt, IsMongoId, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { Facets } from '../../catalogue/dto/catalogue.dto.js';
import { ItemBaseView } from '../../engine/dto/engine.dto.js';
import {
  CountryCodeList,
  FileIdList,
  LinkField,
  NameList,
  NonEmpty,
  PrincipleKeyList,
  RegionKeyList,
  SummaryField,
  TagList,
  TitleField,
} from '../../model/fields.dto.js';
import { RESOURCE_TYPES, type ResourceType, SUMMARY_MAX, TITLE_MAX } from '../../model/library-kinds.js';

const TYPE = { message: `must be one of ${RESOURCE_TYPES.join(', ')}` };
const YEAR = { message: 'must be a year from 1900 to 2100' };

export class CreateResourceDto {
  @ApiProperty({ enum: RESOURCE_TYPES })
  @IsIn(RESOURCE_TYPES, TYPE)
  type!: ResourceType;

  @ApiProperty({ minLength: 2, maxLength: TITLE_MAX })
  @TitleField()
  title!: string;

  @ApiProperty({ maxLength: SUMMARY_MAX })
  @SummaryField()
  abstract!: string;

  @ApiPropertyOptional({ type: [String] })
  @Optional()
  @NameList()
  authors?: string[];

  @ApiPropertyOptional({ type: [String], description: 'publishing or contributing organisations' })
  @Optional()
  @NameList()
  organisations?: string[];

  @ApiPropertyOptional({ minimum: 1900, maximum: 2100 })
  @Optional()
  @IsInt(YEAR)
  @Min(1900, YEAR)
  @Max(2100, YEAR)
  year?: number;

  @ApiProperty({ type: [String], description: 'ISO 639-1, at least one' })
  @LanguageCodeList()
  @NonEmpty()
  languages!: string[];

  @ApiPropertyOptional({ type: [String], description: 'ISO 3166-1 alpha-2' })
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

  @ApiPropertyOptional({ type: [String], description: 'GCM guiding principles' })
  @Optional()
  @PrincipleKeyList()
  principles?: string[];

  @ApiPropertyOptional({ type: [String] })
  @Optional()
  @TagList()
  tags?: string[];

  @ApiPropertyOptional({ type: [String], description: 'ids of the caller’s uploads (POST /files)' })
  @Optional()
  @FileIdList()
  fileIds?: string[];

  @ApiPropertyOptional({ description: 'an external link (files and/or a link are needed to submit)' })
  @Optional()
  @LinkField()
  link?: string;

  @ApiPropertyOptional({ maxLength: 100, example: 'CC BY 4.0' })
  @Optional()
  @Trimmed()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  licence?: string;

  @ApiPropertyOptional({ description: "a group's id: the resource is in that group's library" })
  @Optional()
  @IsMongoId({ message: 'must be a 24-character hex id' })
  groupId?: string;
}

export class UpdateResourceDto {
  @ApiPropertyOptional({ enum: RESOURCE_TYPES })
  @Optional()
  @IsIn(RESOURCE_TYPES, TYPE)
  type?: ResourceType;

  @ApiPropertyOptional({ minLength: 2, maxLength: TITLE_MAX })
  @Optional()
  @TitleField()
  title?: string;

  @ApiPropertyOptional({ maxLength: SUMMARY_MAX })
  @Optional()
  @SummaryField()
  abstract?: string;

  @ApiPropertyOptional({ type: [String] })
  @Optional()
  @NameList()
  authors?: string[];

  @ApiPropertyOptional({ type: [String] })
  @Optional()
  @NameList()
  organisations?: string[];

  @ApiPropertyOptional({ minimum: 1900, maximum: 2100 })
  @Optional()
  @IsInt(YEAR)
  @Min(1900, YEAR)
  @Max(2100, YEAR)
  year?: number;

  @ApiPropertyOptional({ type: [String] })
  @Optional()
  @LanguageCodeList()
  @NonEmpty()
  languages?: string[];

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

  @ApiPropertyOptional({ type: [String] })
  @Optional()
  @TagList()
  tags?: string[];

  @ApiPropertyOptional({ type: [String] })
  @Optional()
  @FileIdList()
  fileIds?: string[];

  @ApiPropertyOptional()
  @Optional()
  @LinkField()
  link?: string;

  @ApiPropertyOptional({ maxLength: 100 })
  @Optional()
  @Trimmed()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  licence?: string;
}

export class ResourceView extends ItemBaseView {
  @ApiProperty({ enum: RESOURCE_TYPES }) type!: ResourceType;
  @ApiProperty() title!: string;
  @ApiProperty() abstract!: string;
  @ApiProperty({ type: [String] }) authors!: string[];
  @ApiProperty({ type: [String] }) organisations!: string[];
  @ApiProperty({ type: Number, nullable: true }) year!: number | null;
  @ApiProperty({ type: [String] }) languages!: string[];
  @ApiProperty({ type: [String] }) countries!: string[];
  @ApiProperty({ type: [String] }) regions!: string[];
  @ApiProperty({ type: [Number] }) objectives!: number[];
  @ApiProperty({ type: [String] }) principles!: string[];
  @ApiProperty({ type: [String] }) tags!: string[];
  @ApiProperty({ type: [String] }) fileIds!: string[];
  @ApiProperty({ type: String, nullable: true }) link!: string | null;
  @ApiProperty({ type: String, nullable: true }) licence!: string | null;
}

export class ResourcePage {
  @ApiProperty({ type: [ResourceView] }) items!: ResourceView[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}

export class ResourceCatalogue extends ResourcePage {
  @ApiProperty({ description: 'resources the filter matches, all pages together' }) total!: number;
  @ApiProperty({ type: Facets, nullable: true }) facets!: Facets | null;
}
