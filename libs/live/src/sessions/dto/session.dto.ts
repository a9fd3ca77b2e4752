import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { LanguageCode, LanguageCodeList } from '@plenary/community';
import { Optional, PageQuery, TimeZone, Trimmed } from '@plenary/core';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsMongoId,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import {
  LIVE_AUDIENCES,
  SESSION_FORMATS,
  SESSION_ROLES,
  SESSION_STATUSES,
  type SessionFormat,
  type SessionRole,
  type SessionStatus,
} from '../../model/live-kinds.js';
import {
  AN_OBJECT,
  type CapacityDto,
  CapacityField,
  CapacityView,
  ClearableLink,
  Description,
  Link,
  RegistrationView,
  Title,
  When,
} from '../../shared/live-fields.dto.js';

const FORMAT = { message: `must be one of ${SESSION_FORMATS.join(', ')}` };
const ID = { message: 'must be a 24-character hex id' };
const A_LIST = { message: 'must be a list' };
const ON_OR_OFF = { message: 'must be true or false' };

export class AgendaItemDto {
  @ApiProperty({ maxLength: 200 })
  @Trimmed()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  title!: string;

  @ApiPropertyOptional()
  @Optional()
  @When()
  startsAt?: string;

  @ApiPropertyOptional({ type: [String], maxItems: 20 })
  @Optional()
  @IsArray(A_LIST)
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Length(1, 100, { each: true })
  speakers?: string[];
}

export class MaterialDto {
  @ApiProperty({ maxLength: 200 })
  @Trimmed()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  title!: string;

  @ApiProperty()
  @Link()
  url!: string;
}

/** The whole Q&A settings object: a PATCH replaces it. */
export class QaDto {
  @ApiProperty() @IsBoolean(ON_OR_OFF) open!: boolean;
  @ApiProperty() @IsBoolean(ON_OR_OFF) anonymousAllowed!: boolean;
  @ApiProperty() @IsBoolean(ON_OR_OFF) guestsAllowed!: boolean;
  @ApiProperty({ description: 'questions wait for a moderator before attendees see them' })
  @IsBoolean(ON_OR_OFF)
  preModeration!: boolean;

  @ApiProperty({ minimum: 20, maximum: 2000, default: 500 })
  @IsInt()
  @Min(20)
  @Max(2000)
  maxLength!: number;

  @ApiProperty({ minimum: 1, maximum: 1000, description: 'questions one attendee may ask per minute' })
  @IsInt()
  @Min(1)
  @Max(1000)
  perAttendeeLimit!: number;
}

const Agenda = () => [
  ApiPropertyOptional({ type: [AgendaItemDto], maxItems: 50 }),
  Optional(),
  IsArray(A_LIST),
  ArrayMaxSize(50),
  ValidateNested({ each: true, message: 'must hold objects' }),
  Type(() => AgendaItemDto),
];

function apply(decorators: PropertyDecorator[]): PropertyDecorator {
  return (target, key) => decorators.forEach((decorator) => decorator(target, key));
}

const QaField = () =>
  apply([
    ApiPropertyOptional({ type: QaDto }),
    Optional(),
    IsObject(AN_OBJECT),
    ValidateNested(AN_OBJECT),
    Type(() => QaDto),
  ]);

export class CreateSessionDto {
  @ApiProperty({ minLength: 2, maxLength: 200 })
  @Title()
  title!: string;

  @ApiPropertyOptional({ maxLength: 5000 })
  @Optional()
  @Description()
  description?: string;

  @ApiPropertyOptional({ description: "the event it is part of (it takes the event's group and registration)" })
  @Optional()
  @IsMongoId(ID)
  eventId?: string;

  @ApiPropertyOptional({ description: "a standalone session's group" })
  @Optional()
  @IsMongoId(ID)
  groupId?: string;

  @ApiProperty({ example: '2026-06-02T09:00:00+02:00' })
  @When()
  startsAt!: string;

  @ApiProperty({ example: '2026-06-02T10:30:00+02:00' })
  @When()
  endsAt!: string;

  @ApiProperty({ example: 'Europe/Zurich' })
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

  @ApiPropertyOptional({ description: 'streaming or meeting link, shown to registered attendees and staff' })
  @Optional()
  @Link()
  link?: string;

  @apply(Agenda())
  agenda?: AgendaItemDto[];

  @ApiPropertyOptional({ type: [String] })
  @Optional()
  @LanguageCodeList()
  languages?: string[];

  @QaField()
  qa?: QaDto;

  @CapacityField()
  capacity?: CapacityDto;

  @ApiPropertyOptional({ default: true })
  @Optional()
  @IsBoolean(ON_OR_OFF)
  registrationOpen?: boolean;
}

export class UpdateSessionDto {
  @ApiPropertyOptional()
  @Optional()
  @Title()
  title?: string;

  @ApiPropertyOptional()
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

  @ApiPropertyOptional()
  @Optional()
  @Trimmed()
  @IsString()
  @MaxLength(300)
  venue?: string;

  @ApiPropertyOptional({ description: 'an empty string removes the link' })
  @ClearableLink()
  link?: string;

  @apply(Agenda())
  agenda?: AgendaItemDto[];

  @ApiPropertyOptional({ type: [String] })
  @Optional()
  @LanguageCodeList()
  languages?: string[];

  @ApiPropertyOptional({ description: 'the recording, after the session; an empty string removes it' })
  @ClearableLink()
  recordingUrl?: string;

  @ApiPropertyOptional({ type: [MaterialDto], maxItems: 50 })
  @Optional()
  @IsArray(A_LIST)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true, message: 'must hold objects' })
  @Type(() => MaterialDto)
  materials?: MaterialDto[];

  @QaField()
  qa?: QaDto;

  @CapacityField()
  capacity?: CapacityDto;

  @ApiPropertyOptional()
  @Optional()
  @IsBoolean(ON_OR_OFF)
  registrationOpen?: boolean;
}

export const SESSION_WHEN = ['upcoming', 'live', 'past'] as const;
export type SessionWhen = (typeof SESSION_WHEN)[number];

export class SessionListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: SESSION_WHEN, description: 'upcoming: scheduled; live; past: ended (latest first)' })
  @IsOptional()
  @IsIn(SESSION_WHEN, { message: `must be one of ${SESSION_WHEN.join(', ')}` })
  when?: SessionWhen;

  @ApiPropertyOptional()
  @IsOptional()
  @IsMongoId(ID)
  event?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsMongoId(ID)
  group?: string;

  @ApiPropertyOptional({ description: 'ISO 639-1: sessions with that language channel' })
  @IsOptional()
  @LanguageCode()
  language?: string;
}

export class SessionRoleDto {
  @ApiProperty({ enum: SESSION_ROLES })
  @IsIn(SESSION_ROLES, { message: `must be one of ${SESSION_ROLES.join(', ')}` })
  role!: SessionRole;
}

export class JoinDto {
  @ApiProperty({ example: 'KX7MPA' })
  @Trimmed()
  @IsString()
  @Length(6, 20)
  code!: string;

  @ApiProperty({ minLength: 1, maxLength: 60, example: 'Visitor from Dakar' })
  @Trimmed()
  @IsString()
  @MinLength(1)
  @MaxLength(60)
  displayName!: string;
}

export class AgendaItemView {
  @ApiProperty() title!: string;
  @ApiProperty({ type: Date, nullable: true }) startsAt!: Date | null;
  @ApiProperty({ type: [String] }) speakers!: string[];
}

export class MaterialView {
  @ApiProperty() title!: string;
  @ApiProperty() url!: string;
}

export class StaffMemberView {
  @ApiProperty() userId!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ enum: SESSION_ROLES }) role!: SessionRole;
}

/** What the caller may do with the session (the client shows the controls they may use). */
export class SessionViewer {
  @ApiProperty({ description: 'edit, start and end it, give roles, run its polls, see its registrations' })
  canManage!: boolean;
  @ApiProperty({ description: 'moderate its questions and export them' }) canModerate!: boolean;
  @ApiProperty({ description: 'open its presenter screen' }) canPresent!: boolean;
}

export class SessionView {
  @ApiProperty() id!: string;
  @ApiProperty() title!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ type: String, nullable: true }) eventId!: string | null;
  @ApiProperty({ type: String, nullable: true }) groupId!: string | null;
  @ApiProperty({ enum: LIVE_AUDIENCES }) audience!: string;
  @ApiProperty() startsAt!: Date;
  @ApiProperty() endsAt!: Date;
  @ApiProperty() timezone!: string;
  @ApiProperty({ enum: SESSION_FORMATS }) format!: SessionFormat;
  @ApiProperty() venue!: string;
  @ApiProperty({ type: String, nullable: true, description: 'null unless the caller is registered or staff' })
  link!: string | null;
  @ApiProperty({ type: [AgendaItemView] }) agenda!: AgendaItemView[];
  @ApiProperty({ type: [String] }) languages!: string[];
  @ApiProperty({ enum: SESSION_STATUSES }) status!: SessionStatus;
  @ApiProperty({ type: Date, nullable: true }) startedAt!: Date | null;
  @ApiProperty({ type: Date, nullable: true }) endedAt!: Date | null;
  @ApiProperty() recordingUrl!: string;
  @ApiProperty({ type: [MaterialView] }) materials!: MaterialView[];
  @ApiProperty({ type: String, nullable: true, description: 'the join code; null once ended' }) code!: string | null;
  @ApiProperty({ type: String, nullable: true, description: "the web client's join path" }) joinLink!: string | null;
  @ApiProperty({ type: QaDto }) qa!: QaDto;
  @ApiProperty({ type: CapacityView }) capacity!: CapacityView;
  @ApiProperty() registrationOpen!: boolean;
  @ApiProperty({ enum: [...SESSION_ROLES, 'attendee'], description: "the caller's role in the session" })
  role!: SessionRole | 'attendee';
  @ApiProperty({ type: RegistrationView, nullable: true, description: "the caller's (the event's, for its sessions)" })
  registration!: RegistrationView | null;
  @ApiProperty({ type: [StaffMemberView] }) staff!: StaffMemberView[];
  @ApiProperty({ type: SessionViewer, description: "the caller's abilities (all false in broadcasts)" })
  viewer!: SessionViewer;
  @ApiProperty({ type: String, nullable: true, description: 'the forum thread its open questions were carried to' })
  forumThreadId!: string | null;
  @ApiProperty() createdAt!: Date;
  @ApiProperty() updatedAt!: Date;
}

export class SessionList {
  @ApiProperty({ type: [SessionView] }) items!: SessionView[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}

export class GuestJoinView {
  @ApiProperty({ description: 'a guest token for this one session: send it as auth.token on /live, or as Bearer' })
  token!: string;
  @ApiProperty({ description: 'seconds' }) expiresIn!: number;
  @ApiProperty({ type: SessionView }) session!: SessionView;
}

export const EXPORT_FORMATS = ['json', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export class RegistrationListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: EXPORT_FORMATS, default: 'json', description: 'csv: every registration, as a file' })
  @IsOptional()
  @IsIn(EXPORT_FORMATS, { message: 'must be json or csv' })
  format?: ExportFormat;
}

export class RegistrantView {
  @ApiProperty() userId!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ enum: ['in_person', 'remote'] }) mode!: string;
  @ApiProperty({ enum: ['registered', 'waitlisted'] }) status!: string;
  @ApiProperty() registeredAt!: Date;
}

export class RegistrantList {
  @ApiProperty({ type: [RegistrantView] }) items!: RegistrantView[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}
