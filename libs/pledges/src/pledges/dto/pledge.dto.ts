import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  CountryCode,
  OBJECTIVE_NUMBERS,
  ObjectiveNumber,
  ObjectiveNumberList,
  PRINCIPLE_KEYS,
  REGION_KEYS,
  RegionKey,
} from '@plenary/community';
import { Optional, PageQuery, SearchTextRules } from '@plenary/core';
import { Type } from 'class-transformer';
import {
  ArrayMinSize,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { PLEDGE_STATUSES, PLEDGER_KINDS, type PledgerKind, type PledgeStatus } from '../../model/pledge-kinds.js';
import {
  AN_OBJECT,
  ClusterKey,
  CountryCodeList,
  MadeAt,
  PledgeDescription,
  PledgerName,
  PledgeStatusField,
  PledgeTitle,
  PrincipleKeyList,
  RegionKeyList,
  RepresentativeIds,
  STATUS,
} from './pledge-fields.js';

export class PledgerDto {
  @ApiProperty({ enum: PLEDGER_KINDS })
  @IsIn(PLEDGER_KINDS, { message: `must be one of ${PLEDGER_KINDS.join(', ')}` })
  kind!: PledgerKind;

  @ApiProperty({ minLength: 2, maxLength: 200, example: 'Mexico' })
  @PledgerName()
  name!: string;

  @ApiPropertyOptional({
    description: "ISO 3166-1 alpha-2; required for a Member State (its own country), an organisation's seat otherwise",
    example: 'MX',
  })
  @ValidateIf((pledger: PledgerDto) => pledger.kind === 'member_state' || pledger.country !== undefined)
  @CountryCode()
  country?: string;
}

export class CreatePledgeDto {
  @ApiProperty({ minLength: 2, maxLength: 200, example: 'Ending child immigration detention by 2030' })
  @PledgeTitle()
  title!: string;

  @ApiProperty({ maxLength: 10_000 })
  @PledgeDescription()
  description!: string;

  @ApiProperty({ type: PledgerDto })
  @IsObject(AN_OBJECT)
  @ValidateNested(AN_OBJECT)
  @Type(() => PledgerDto)
  pledger!: PledgerDto;

  @ApiProperty({ type: [Number], minItems: 1, description: `GCM objective numbers (1–${OBJECTIVE_NUMBERS.length})` })
  @ObjectiveNumberList()
  @ArrayMinSize(1, { message: 'must name at least one objective' })
  objectives!: number[];

  @ApiPropertyOptional({ type: [String], enum: PRINCIPLE_KEYS })
  @Optional()
  @PrincipleKeyList()
  principles?: string[];

  @ApiProperty({ description: 'a key of GET /settings/pledge-clusters', example: 'climate-change' })
  @ClusterKey()
  cluster!: string;

  @ApiPropertyOptional({
    type: [String],
    description: "ISO 3166-1 alpha-2 codes; a Member State's pledge concerns its own country when left out",
  })
  @Optional()
  @CountryCodeList()
  countries?: string[];

  @ApiPropertyOptional({ type: [String], enum: REGION_KEYS })
  @Optional()
  @RegionKeyList()
  regions?: string[];

  @ApiPropertyOptional({ description: 'when the pledge was made (default: now)', example: '2022-05-20' })
  @Optional()
  @MadeAt()
  madeAt?: string;

  @ApiPropertyOptional({ enum: PLEDGE_STATUSES, default: 'planned' })
  @Optional()
  @PledgeStatusField()
  status?: PledgeStatus;

  @ApiPropertyOptional({
    type: [String],
    description: 'members who speak for the pledger and report progress (the creator is always one)',
  })
  @Optional()
  @RepresentativeIds()
  representativeIds?: string[];
}

export class UpdatePledgeDto {
  @ApiPropertyOptional({ minLength: 2, maxLength: 200 })
  @Optional()
  @PledgeTitle()
  title?: string;

  @ApiPropertyOptional({ maxLength: 10_000 })
  @Optional()
  @PledgeDescription()
  description?: string;

  @ApiPropertyOptional({ type: PledgerDto, description: 'replaces the pledger' })
  @Optional()
  @IsObject(AN_OBJECT)
  @ValidateNested(AN_OBJECT)
  @Type(() => PledgerDto)
  pledger?: PledgerDto;

  @ApiPropertyOptional({ type: [Number], minItems: 1 })
  @Optional()
  @ObjectiveNumberList()
  @ArrayMinSize(1, { message: 'must name at least one objective' })
  objectives?: number[];

  @ApiPropertyOptional({ type: [String], enum: PRINCIPLE_KEYS })
  @Optional()
  @PrincipleKeyList()
  principles?: string[];

  @ApiPropertyOptional()
  @Optional()
  @ClusterKey()
  cluster?: string;

  @ApiPropertyOptional({ type: [String] })
  @Optional()
  @CountryCodeList()
  countries?: string[];

  @ApiPropertyOptional({ type: [String], enum: REGION_KEYS })
  @Optional()
  @RegionKeyList()
  regions?: string[];

  @ApiPropertyOptional()
  @Optional()
  @MadeAt()
  madeAt?: string;

  @ApiPropertyOptional({ enum: PLEDGE_STATUSES })
  @Optional()
  @PledgeStatusField()
  status?: PledgeStatus;

  @ApiPropertyOptional({ type: [String], description: 'replaces the representatives' })
  @Optional()
  @RepresentativeIds()
  representativeIds?: string[];

  @ApiPropertyOptional({ maxLength: 500, description: "a moderator's reason, for the audit log" })
  @Optional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

export class PledgeListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: PLEDGE_STATUSES })
  @IsOptional()
  @IsIn(PLEDGE_STATUSES, STATUS)
  status?: PledgeStatus;

  @ApiPropertyOptional({ description: 'a cluster key' })
  @IsOptional()
  @ClusterKey()
  cluster?: string;

  @ApiPropertyOptional({ type: Number, minimum: 1, maximum: OBJECTIVE_NUMBERS.length })
  @IsOptional()
  @ObjectiveNumber()
  objective?: number;

  @ApiPropertyOptional({ enum: REGION_KEYS })
  @IsOptional()
  @RegionKey()
  region?: string;

  @ApiPropertyOptional({ description: 'ISO 3166-1 alpha-2: pledges concerning this country' })
  @IsOptional()
  @CountryCode()
  country?: string;

  @ApiPropertyOptional({ type: Number, description: 'the year the pledge was made' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'must be a year, such as 2022' })
  @Min(1900, { message: 'must be a year from 1900 to 2200' })
  @Max(2200, { message: 'must be a year from 1900 to 2200' })
  year?: number;

  @ApiPropertyOptional({ description: 'words of the title or the pledger' })
  @IsOptional()
  @SearchTextRules()
  q?: string;
}

export class PersonView {
  @ApiProperty({ type: String, nullable: true, description: 'null once the account is deleted' }) id!: string | null;
  @ApiProperty() displayName!: string;
}

export class PledgerView {
  @ApiProperty({ enum: PLEDGER_KINDS }) kind!: PledgerKind;
  @ApiProperty() name!: string;
  @ApiProperty({ type: String, nullable: true }) country!: string | null;
}

export class PledgeViewerView {
  @ApiProperty({ description: 'may edit the pledge' }) canEdit!: boolean;
  @ApiProperty({ description: 'may post progress updates (a representative)' }) canReport!: boolean;
  @ApiProperty() following!: boolean;
}

export class PledgeView {
  @ApiProperty() id!: string;
  @ApiProperty() title!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ type: PledgerView }) pledger!: PledgerView;
  @ApiProperty({ type: [PersonView] }) representatives!: PersonView[];
  @ApiProperty({ type: [Number] }) objectives!: number[];
  @ApiProperty({ type: [String] }) principles!: string[];
  @ApiProperty() cluster!: string;
  @ApiProperty({ type: [String] }) countries!: string[];
  @ApiProperty({ type: [String] }) regions!: string[];
  @ApiProperty() madeAt!: Date;
  @ApiProperty() year!: number;
  @ApiProperty({ enum: PLEDGE_STATUSES }) status!: PledgeStatus;
  @ApiProperty({ type: Number, nullable: true, description: 'the progress last reported, 0–100' })
  percent!: number | null;
  @ApiProperty({ type: Date, nullable: true }) lastUpdateAt!: Date | null;
  @ApiProperty() followerCount!: number;
  @ApiProperty({ type: PersonView }) createdBy!: PersonView;
  @ApiProperty({ type: PledgeViewerView, description: 'what the caller may do' }) viewer!: PledgeViewerView;
  @ApiProperty() createdAt!: Date;
  @ApiProperty() updatedAt!: Date;
}

export class PledgeList {
  @ApiProperty({ type: [PledgeView], description: 'newest first' }) items!: PledgeView[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}
