import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { LanguageCodeList } from '@plenary/community';
import { Optional, PageQuery, TimeZone, Trimmed } from '@plenary/core';
import { IsBoolean, IsIn, IsMongoId, IsOptional, IsString, MaxLength } from 'class-validator';
import { SESSION_FORMATS, type SessionFormat } from '../../model/live-kinds.js';
import {
  type CapacityDto,
  CapacityField,
  CapacityView,
  Description,
  RegistrationView,
  Title,
  When,
} from '../../shared/live-fields.dto.js';

const FORMAT = { message: `must be one of ${SESSION_FORMATS.join(', ')}` };
const ID = { message: 'must be a 24-character hex id' };

export class CreateEventDto {
  @ApiProperty({ minLength: 2, maxLength: 200, example: 'Annual meeting of the network' })
  @Title()
  title!: string;

  @ApiPropertyOptional({ maxLength: 5000 })
  @Optional()
  @Description()
  description?: string;

  @ApiProperty({ example: '2026-06-02T09:00:00+02:00' })
  @When()
  startsAt!: string;

  @ApiProperty({ example: '2026-06-03T17:00:00+02:00' })
  @When()
  endsAt!: string;

  @ApiProperty({ example: 'Europe/Zurich', description: 'IANA time zone' })
  @TimeZone()
  timezone!: string;

  @ApiProperty({ enum: SESSION_FORMATS })
  @IsIn(SESSION_FORMATS, FORMAT)
  format!: SessionFormat;

  @ApiPropertyOptional({ maxLength: 300 })
  @Optional()
  @Trimmed()
  @IsString()
  @MaxLength(300)
  venue?: string;

  @ApiPropertyOptional({ type: [String], description: 'ISO 639-1 interpretation channels' })
  @Optional()
  @LanguageCodeList()
  languages?: string[];

  @ApiPropertyOptional({ description: "a group's id: the event is that group's and follows its visibility" })
  @Optional()
  @IsMongoId(ID)
  groupId?: string;

  @CapacityField()
  capacity?: CapacityDto;

  @ApiPropertyOptional({ default: true })
  @Optional()
  @IsBoolean()
  registrationOpen?: boolean;
}

export class UpdateEventDto {
  @ApiPropertyOptional({ minLength: 2, maxLength: 200 })
  @Optional()
  @Title()
  title?: string;

  @ApiPropertyOptional({ maxLength: 5000 })
  @Optional()
  @Description()
  description?: string;

  @ApiPropertyOptional()
  @Optional()
  @When()
  startsAt?: string;

  @ApiPropertyOptional()
  @Optional()
  @When()
  endsAt?: string;

  @ApiPropertyOptional()
  @Optional()
  @TimeZone()
  timezone?: string;

  @ApiPropertyOptional({ enum: SESSION_FORMATS })
  @Optional()
  @IsIn(SESSION_FORMATS, FORMAT)
  format?: SessionFormat;

  @ApiPropertyOptional({ maxLength: 300 })
  @Optional()
  @Trimmed()
  @IsString()
  @MaxLength(300)
  venue?: string;

  @ApiPropertyOptional({ type: [String] })
  @Optional()
  @LanguageCodeList()
  languages?: string[];

  @CapacityField()
  capacity?: CapacityDto;

  @ApiPropertyOptional()
  @Optional()
  @IsBoolean()
  registrationOpen?: boolean;
}

export const EVENT_WHEN = ['upcoming', 'past'] as const;
export type EventWhen = (typeof EVENT_WHEN)[number];

export class EventListQuery extends PageQuery {
  @ApiPropertyOptional({ description: "only this group's events" })
  @IsOptional()
  @IsMongoId(ID)
  group?: string;

  @ApiPropertyOptional({
    enum: EVENT_WHEN,
    description: 'upcoming: not over yet (soonest first); past: over (latest first); left out: all, soonest first',
  })
  @IsOptional()
  @IsIn(EVENT_WHEN, { message: `must be one of ${EVENT_WHEN.join(', ')}` })
  when?: EventWhen;
}

export class EventView {
  @ApiProperty() id!: string;
  @ApiProperty() title!: string;
  @ApiProperty() description!: string;
  @ApiProperty() startsAt!: Date;
  @ApiProperty() endsAt!: Date;
  @ApiProperty() timezone!: string;
  @ApiProperty({ enum: SESSION_FORMATS }) format!: SessionFormat;
  @ApiProperty() venue!: string;
  @ApiProperty({ type: [String] }) languages!: string[];
  @ApiProperty({ type: String, nullable: true }) groupId!: string | null;
  @ApiProperty({ type: CapacityView }) capacity!: CapacityView;
  @ApiProperty() registrationOpen!: boolean;
  @ApiProperty({ description: 'may edit the event and add sessions' }) canManage!: boolean;
  @ApiProperty({ type: RegistrationView, nullable: true }) registration!: RegistrationView | null;
  @ApiProperty() createdAt!: Date;
  @ApiProperty() updatedAt!: Date;
}

export class EventList {
  @ApiProperty({ type: [EventView] }) items!: EventView[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}
