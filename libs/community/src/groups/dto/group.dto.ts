import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { Optional, PageQuery, SearchTextRules, Trimmed } from '@plenary/core';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { TaxonomyFilterQuery } from '../../taxonomy/dto/taxonomy.dto.js';
import { REGION_KEYS } from '../../taxonomy/reference-data.js';
import { CountryCode, ObjectiveNumberList, RegionKey } from '../../taxonomy/taxonomy-fields.js';
import {
  GROUP_ROLES,
  GROUP_TYPES,
  GROUP_VISIBILITIES,
  type GroupRole,
  type GroupType,
  type GroupVisibility,
  JOIN_POLICIES,
  type JoinPolicy,
  MEMBERSHIP_STATUSES,
  type MembershipStatus,
} from '../group-kinds.js';

const GROUP_NAME = /^[\p{L}\p{M}\p{N}][\p{L}\p{M}\p{N} .,'’()&/:+_-]*$/u;
const GroupNameRules = () =>
  applyDecorators(
    Trimmed(),
    IsString(),
    MinLength(3),
    MaxLength(120),
    Matches(GROUP_NAME, { message: 'must start with a letter or digit and contain no control characters' }),
  );
const DescriptionRules = () => applyDecorators(Trimmed(), IsString(), MaxLength(5000));
const oneOf = (values: readonly string[]) => ({ message: `must be one of ${values.join(', ')}` });

export class CreateGroupDto {
  @ApiProperty({ minLength: 3, maxLength: 120, example: 'Labour migration in West Africa' })
  @GroupNameRules()
  name!: string;

  @ApiPropertyOptional({ maxLength: 5000 })
  @Optional()
  @DescriptionRules()
  description?: string;

  @ApiProperty({ enum: GROUP_TYPES })
  @IsIn(GROUP_TYPES, oneOf(GROUP_TYPES))
  type!: GroupType;

  @ApiPropertyOptional({ enum: GROUP_VISIBILITIES, default: 'public' })
  @Optional()
  @IsIn(GROUP_VISIBILITIES, oneOf(GROUP_VISIBILITIES))
  visibility?: GroupVisibility;

  @ApiPropertyOptional({ enum: JOIN_POLICIES, default: 'open' })
  @Optional()
  @IsIn(JOIN_POLICIES, oneOf(JOIN_POLICIES))
  joinPolicy?: JoinPolicy;

  @ApiPropertyOptional({ description: 'ISO 3166-1 alpha-2; required for a country network' })
  @ValidateIf((group: CreateGroupDto) => group.type === 'country_network' || group.country !== undefined)
  @CountryCode()
  country?: string;

  @ApiPropertyOptional({ enum: REGION_KEYS, description: 'required for a regional network' })
  @ValidateIf((group: CreateGroupDto) => group.type === 'regional_network' || group.region !== undefined)
  @RegionKey()
  region?: string;

  @ApiPropertyOptional({ type: [Number], description: 'GCM objective numbers' })
  @Optional()
  @ObjectiveNumberList()
  objectives?: number[];
}

/** A change to a group; its type cannot change (the creation policy depends on it). */
export class UpdateGroupDto {
  @ApiPropertyOptional({ minLength: 3, maxLength: 120 })
  @Optional()
  @GroupNameRules()
  name?: string;

  @ApiPropertyOptional({ maxLength: 5000 })
  @Optional()
  @DescriptionRules()
  description?: string;

  @ApiPropertyOptional({ enum: GROUP_VISIBILITIES })
  @Optional()
  @IsIn(GROUP_VISIBILITIES, oneOf(GROUP_VISIBILITIES))
  visibility?: GroupVisibility;

  @ApiPropertyOptional({ enum: JOIN_POLICIES })
  @Optional()
  @IsIn(JOIN_POLICIES, oneOf(JOIN_POLICIES))
  joinPolicy?: JoinPolicy;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'ISO 3166-1 alpha-2; null clears it' })
  @IsOptional()
  @CountryCode()
  country?: string | null;

  @ApiPropertyOptional({ enum: REGION_KEYS, nullable: true, description: 'null clears it' })
  @IsOptional()
  @RegionKey()
  region?: string | null;

  @ApiPropertyOptional({ type: [Number] })
  @Optional()
  @ObjectiveNumberList()
  objectives?: number[];
}

/** The group-list filters; the counts take them too. */
export class GroupFilterQuery extends TaxonomyFilterQuery {
  @ApiPropertyOptional({ enum: GROUP_TYPES })
  @IsOptional()
  @IsIn(GROUP_TYPES, oneOf(GROUP_TYPES))
  type?: GroupType;

  @ApiPropertyOptional({ description: 'part of the name, any letter case', maxLength: 100 })
  @IsOptional()
  @SearchTextRules()
  q?: string;

  @ApiPropertyOptional({ description: "only the caller's groups (active memberships)" })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'must be true or false' })
  mine?: boolean;

  @ApiPropertyOptional({
    enum: MEMBERSHIP_STATUSES,
    description: "only the groups where the caller's membership has this status (invited: their open invitations)",
  })
  @IsOptional()
  @IsIn(MEMBERSHIP_STATUSES, oneOf(MEMBERSHIP_STATUSES))
  membership?: MembershipStatus;
}

export class GroupListQuery extends IntersectionType(GroupFilterQuery, PageQuery) {}

export class AuthorView {
  @ApiProperty({ type: String, nullable: true, description: 'null once the account is deleted' }) id!: string | null;
  @ApiProperty({ example: 'deleted member' }) displayName!: string;
}

export class ViewerMembership {
  @ApiProperty({ enum: GROUP_ROLES }) role!: GroupRole;
  @ApiProperty({ enum: ['active', 'pending', 'invited'] }) status!: 'active' | 'pending' | 'invited';
}

export class GroupView {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ enum: GROUP_TYPES }) type!: GroupType;
  @ApiProperty({ enum: GROUP_VISIBILITIES }) visibility!: GroupVisibility;
  @ApiProperty({ enum: JOIN_POLICIES }) joinPolicy!: JoinPolicy;
  @ApiProperty({ type: String, nullable: true }) country!: string | null;
  @ApiProperty({ type: String, nullable: true }) region!: string | null;
  @ApiProperty({ type: [Number] }) objectives!: number[];
  @ApiProperty() memberCount!: number;
  @ApiProperty({ type: AuthorView }) createdBy!: AuthorView;
  @ApiProperty({ type: ViewerMembership, nullable: true, description: "the caller's own membership" })
  viewer!: ViewerMembership | null;
  @ApiProperty() createdAt!: Date;
  @ApiProperty() updatedAt!: Date;
}

export class GroupPage {
  @ApiProperty({ type: [GroupView] }) items!: GroupView[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}

export class GroupCounts {
  @ApiProperty() total!: number;
  @ApiProperty({ example: { working_group: 3, country_network: 1, regional_network: 0, thematic: 2 } })
  byType!: Record<GroupType, number>;
}
