import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { REGION_KEYS, UI_LANGUAGES, type UiLanguage } from '../reference-data.js';
import { CountryCode, ObjectiveNumber, RegionKey, UiLanguageCode } from '../taxonomy-fields.js';

export class TaxonomyQuery {
  @ApiPropertyOptional({ enum: UI_LANGUAGES, description: 'overrides Accept-Language; English by default' })
  @IsOptional()
  @UiLanguageCode()
  lang?: UiLanguage;
}

export class ObjectiveView {
  @ApiProperty({ example: 1 }) number!: number;
  @ApiProperty({ description: 'short label, as the Migration Network Hub uses it' }) label!: string;
  @ApiProperty({ description: 'the objective as worded in the Compact' }) title!: string;
  @ApiProperty({
    enum: UI_LANGUAGES,
    description: 'the language of the title (English where no official translation is held)',
  })
  titleLanguage!: UiLanguage;
}

export class TermView {
  @ApiProperty() key!: string;
  @ApiProperty() label!: string;
}

export class CountryView {
  @ApiProperty({ example: 'SN', description: 'ISO 3166-1 alpha-2' }) code!: string;
  @ApiProperty({ example: 'Senegal' }) name!: string;
}

export class ObjectiveList {
  @ApiProperty({ enum: UI_LANGUAGES }) language!: UiLanguage;
  @ApiProperty({ type: [ObjectiveView] }) items!: ObjectiveView[];
}

export class TermList {
  @ApiProperty({ enum: UI_LANGUAGES }) language!: UiLanguage;
  @ApiProperty({ type: [TermView] }) items!: TermView[];
}

export class CountryList {
  @ApiProperty({ enum: UI_LANGUAGES }) language!: UiLanguage;
  @ApiProperty({ type: [CountryView] }) items!: CountryView[];
}

/** The taxonomy filters lists share (the directory, groups, later threads and resources). */
export class TaxonomyFilterQuery {
  @ApiPropertyOptional({ description: 'ISO 3166-1 alpha-2' })
  @IsOptional()
  @CountryCode()
  country?: string;

  @ApiPropertyOptional({ enum: REGION_KEYS })
  @IsOptional()
  @RegionKey()
  region?: string;

  @ApiPropertyOptional({ description: 'a GCM objective number' })
  @IsOptional()
  @ObjectiveNumber()
  objective?: number;
}
