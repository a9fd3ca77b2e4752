import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { TaxonomyFilterQuery } from '../../taxonomy/dto/taxonomy.dto.js';
import { Optional, PageQuery, SearchTextRules, Trimmed } from '@plenary/core';
import { DisplayNameRules } from '@plenary/identity';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import {
  COUNTRY_CODES,
  LANGUAGE_CODES,
  OBJECTIVE_NUMBERS,
  ORGANISATION_TYPES,
  type OrganisationType,
  REGION_KEYS,
} from '../../taxonomy/reference-data.js';
import {
  CountryCode,
  LanguageCode,
  LanguageCodeList,
  ObjectiveNumberList,
  OrganisationTypeKey,
  RegionKey,
} from '../../taxonomy/taxonomy-fields.js';
import { PROFILE_VISIBILITIES, type ProfileField, type ProfileVisibility } from '../profile.schema.js';

const EXPERTISE_TAG = /^[\p{L}\p{M}\p{N}][\p{L}\p{M}\p{N} &'’/+.-]*$/u;

const VISIBILITY_PROBLEM = { message: `must be one of ${PROFILE_VISIBILITIES.join(', ')}` };

/** Who sees each field (public: whoever sees the profile); fields not named keep their setting. */
export class FieldVisibilityDto implements Partial<Record<ProfileField, ProfileVisibility>> {
  @ApiPropertyOptional({ enum: PROFILE_VISIBILITIES })
  @Optional()
  @IsIn(PROFILE_VISIBILITIES, VISIBILITY_PROBLEM)
  organisation?: ProfileVisibility;

  @ApiPropertyOptional({ enum: PROFILE_VISIBILITIES })
  @Optional()
  @IsIn(PROFILE_VISIBILITIES, VISIBILITY_PROBLEM)
  orgType?: ProfileVisibility;

  @ApiPropertyOptional({ enum: PROFILE_VISIBILITIES })
  @Optional()
  @IsIn(PROFILE_VISIBILITIES, VISIBILITY_PROBLEM)
  country?: ProfileVisibility;

  @ApiPropertyOptional({ enum: PROFILE_VISIBILITIES })
  @Optional()
  @IsIn(PROFILE_VISIBILITIES, VISIBILITY_PROBLEM)
  region?: ProfileVisibility;

  @ApiPropertyOptional({ enum: PROFILE_VISIBILITIES })
  @Optional()
  @IsIn(PROFILE_VISIBILITIES, VISIBILITY_PROBLEM)
  languages?: ProfileVisibility;

  @ApiPropertyOptional({ enum: PROFILE_VISIBILITIES })
  @Optional()
  @IsIn(PROFILE_VISIBILITIES, VISIBILITY_PROBLEM)
  expertise?: ProfileVisibility;

  @ApiPropertyOptional({ enum: PROFILE_VISIBILITIES })
  @Optional()
  @IsIn(PROFILE_VISIBILITIES, VISIBILITY_PROBLEM)
  objectives?: ProfileVisibility;

  @ApiPropertyOptional({ enum: PROFILE_VISIBILITIES })
  @Optional()
  @IsIn(PROFILE_VISIBILITIES, VISIBILITY_PROBLEM)
  bio?: ProfileVisibility;
}

/** Every field's visibility, as the member's own profile shows it. */
export class FieldVisibilityView implements Record<ProfileField, ProfileVisibility> {
  @ApiProperty({ enum: PROFILE_VISIBILITIES }) organisation!: ProfileVisibility;
  @ApiProperty({ enum: PROFILE_VISIBILITIES }) orgType!: ProfileVisibility;
  @ApiProperty({ enum: PROFILE_VISIBILITIES }) country!: ProfileVisibility;
  @ApiProperty({ enum: PROFILE_VISIBILITIES }) region!: ProfileVisibility;
  @ApiProperty({ enum: PROFILE_VISIBILITIES }) languages!: ProfileVisibility;
  @ApiProperty({ enum: PROFILE_VISIBILITIES }) expertise!: ProfileVisibility;
  @ApiProperty({ enum: PROFILE_VISIBILITIES }) objectives!: ProfileVisibility;
  @ApiProperty({ enum: PROFILE_VISIBILITIES }) bio!: ProfileVisibility;
}

/**
 * A profile change. Optional text and taxonomy fields may be sent as null to clear them;
 * list fields are replaced as a whole (send [] to clear).
 */
export class UpdateProfileDto {
  @ApiPropertyOptional({ minLength: 2, maxLength: 80, description: 'the account display name' })
  @Optional()
  @DisplayNameRules()
  displayName?: string;

  @ApiPropertyOptional({ type: String, maxLength: 200, nullable: true })
  @IsOptional()
  @Trimmed()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  organisation?: string | null;

  @ApiPropertyOptional({ enum: ORGANISATION_TYPES, nullable: true })
  @IsOptional()
  @OrganisationTypeKey()
  orgType?: OrganisationType | null;

  @ApiPropertyOptional({ enum: COUNTRY_CODES, nullable: true, description: 'ISO 3166-1 alpha-2' })
  @IsOptional()
  @CountryCode()
  country?: string | null;

  @ApiPropertyOptional({ enum: REGION_KEYS, nullable: true })
  @IsOptional()
  @RegionKey()
  region?: string | null;

  @ApiPropertyOptional({ type: [String], enum: LANGUAGE_CODES, description: 'ISO 639-1 codes, up to 20' })
  @Optional()
  @LanguageCodeList()
  languages?: string[];

  @ApiPropertyOptional({ type: [String], description: 'up to 30 tags of up to 50 characters' })
  @Optional()
  @Transform(({ value }: { value: unknown }) =>
    Array.isArray(value) ? value.map((tag) => (typeof tag === 'string' ? tag.trim().toLowerCase() : tag)) : value,
  )
  @IsArray()
  @ArrayMaxSize(30)
  @ArrayUnique({ message: 'must not repeat a tag' })
  @IsString({ each: true })
  @MinLength(2, { each: true, message: 'must hold tags of 2 to 50 characters' })
  @MaxLength(50, { each: true, message: 'must hold tags of 2 to 50 characters' })
  @Matches(EXPERTISE_TAG, { each: true, message: "must hold tags of letters, digits, spaces and & ' / + . -" })
  expertise?: string[];

  @ApiPropertyOptional({ type: [Number], enum: OBJECTIVE_NUMBERS, description: 'GCM objective numbers' })
  @Optional()
  @ObjectiveNumberList()
  objectives?: number[];

  @ApiPropertyOptional({ type: String, maxLength: 2000, nullable: true })
  @IsOptional()
  @Trimmed()
  @IsString()
  @MaxLength(2000)
  bio?: string | null;

  @ApiPropertyOptional({ enum: PROFILE_VISIBILITIES, description: 'who may see this profile' })
  @Optional()
  @IsIn(PROFILE_VISIBILITIES, VISIBILITY_PROBLEM)
  visibility?: ProfileVisibility;

  @ApiPropertyOptional({
    type: FieldVisibilityDto,
    description:
      'who sees each field, among those who see the profile: public (all of them), members (signed-in members), ' +
      'private (only you, and moderators); fields not named keep their setting',
  })
  @Optional()
  @IsObject({ message: 'must be an object of field names and visibilities' })
  @ValidateNested()
  @Type(() => FieldVisibilityDto)
  fieldVisibility?: FieldVisibilityDto;
}

export class DirectoryQuery extends IntersectionType(TaxonomyFilterQuery, PageQuery) {
  @ApiPropertyOptional({ enum: ORGANISATION_TYPES })
  @IsOptional()
  @OrganisationTypeKey()
  orgType?: OrganisationType;

  @ApiPropertyOptional({ description: 'ISO 639-1' })
  @IsOptional()
  @LanguageCode()
  language?: string;

  @ApiPropertyOptional({
    description: 'part of a name, organisation or expertise tag, any letter case',
    maxLength: 100,
  })
  @IsOptional()
  @SearchTextRules()
  q?: string;
}

/**
 * A profile as the caller may see it: a field its owner hid from the caller reads as null (or [] for
 * a list), as if empty.
 */
export class ProfileView {
  @ApiProperty({ description: 'the user id' }) id!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ type: String, nullable: true }) organisation!: string | null;
  @ApiProperty({ enum: ORGANISATION_TYPES, nullable: true }) orgType!: OrganisationType | null;
  @ApiProperty({ type: String, nullable: true }) country!: string | null;
  @ApiProperty({ type: String, nullable: true }) region!: string | null;
  @ApiProperty({ type: [String] }) languages!: string[];
  @ApiProperty({ type: [String] }) expertise!: string[];
  @ApiProperty({ type: [Number] }) objectives!: number[];
  @ApiProperty({ type: String, nullable: true }) bio!: string | null;
  @ApiProperty({ enum: PROFILE_VISIBILITIES }) visibility!: ProfileVisibility;
  @ApiPropertyOptional({
    type: FieldVisibilityView,
    description: "who sees each field: only in the member's own profile (/members/me)",
  })
  fieldVisibility?: FieldVisibilityView;
  @ApiProperty() updatedAt!: Date;
}

export class ProfilePage {
  @ApiProperty({ type: [ProfileView] }) items!: ProfileView[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}
