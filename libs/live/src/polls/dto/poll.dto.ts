import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Trimmed } from '@plenary/core';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsMongoId,
  IsOptional,
  IsString,
  Length,
  MaxLength,
  MinLength,
} from 'class-validator';
import { EXPORT_FORMATS, type ExportFormat } from '../../sessions/dto/session.dto.js';
import {
  POLL_KINDS,
  POLL_OPTION_MAX,
  POLL_OPTIONS_MAX,
  POLL_OPTIONS_MIN,
  POLL_QUESTION_MAX,
  POLL_STATES,
  type PollKind,
  type PollState,
} from '../poll.schema.js';

const ID = { message: 'must be a 24-character hex id' };
const A_LIST = { message: 'must be a list' };
const ON_OR_OFF = { message: 'must be true or false' };

/** Trims each text of a list before it is validated; other values pass unchanged. */
const TrimmedEach = () =>
  Transform(({ value }: { value: unknown }) =>
    Array.isArray(value) ? value.map((item: unknown) => (typeof item === 'string' ? item.trim() : item)) : value,
  );

export class CreatePollDto {
  @ApiProperty({ minLength: 1, maxLength: POLL_QUESTION_MAX })
  @Trimmed()
  @IsString()
  @MinLength(1)
  @MaxLength(POLL_QUESTION_MAX)
  question!: string;

  @ApiProperty({ enum: POLL_KINDS, description: 'single: one option per vote; multiple: one or more' })
  @IsIn(POLL_KINDS, { message: `must be one of ${POLL_KINDS.join(', ')}` })
  kind!: PollKind;

  @ApiProperty({
    type: [String],
    minItems: POLL_OPTIONS_MIN,
    maxItems: POLL_OPTIONS_MAX,
    description: `the options' texts, in order (1 to ${POLL_OPTION_MAX} characters each, no two alike)`,
  })
  @TrimmedEach()
  @IsArray(A_LIST)
  @ArrayMinSize(POLL_OPTIONS_MIN, { message: `must have at least ${POLL_OPTIONS_MIN} options` })
  @ArrayMaxSize(POLL_OPTIONS_MAX, { message: `must have at most ${POLL_OPTIONS_MAX} options` })
  @IsString({ each: true, message: 'must hold texts' })
  @Length(1, POLL_OPTION_MAX, { each: true, message: `must hold texts of 1 to ${POLL_OPTION_MAX} characters` })
  @ArrayUnique((text: unknown) => (typeof text === 'string' ? text.toLowerCase() : text), {
    message: 'must not repeat an option',
  })
  options!: string[];
}

export class UpdatePollDto {
  @ApiProperty({ description: 'attendees see the results (hosts and moderators always do)' })
  @IsBoolean(ON_OR_OFF)
  showResults!: boolean;
}

/** A vote: `single` polls take exactly one option, `multiple` ones one or more; a vote is final. */
export class PollVoteDto {
  @ApiProperty()
  @IsMongoId(ID)
  pollId!: string;

  @ApiProperty({ type: [String], minItems: 1, maxItems: POLL_OPTIONS_MAX, description: "the chosen options' ids" })
  @IsArray(A_LIST)
  @ArrayMinSize(1, { message: 'must name at least one option' })
  @ArrayMaxSize(POLL_OPTIONS_MAX, { message: `must name at most ${POLL_OPTIONS_MAX} options` })
  @IsString({ each: true, message: 'must hold option ids' })
  @Length(1, 20, { each: true, message: 'must hold option ids' })
  @ArrayUnique({ message: 'must not repeat an option' })
  optionIds!: string[];
}

export class PollExportQuery {
  @ApiPropertyOptional({ enum: EXPORT_FORMATS, default: 'json', description: 'csv: one row per option' })
  @IsOptional()
  @IsIn(EXPORT_FORMATS, { message: 'must be json or csv' })
  format?: ExportFormat;
}

export class PollOptionView {
  @ApiProperty() id!: string;
  @ApiProperty() text!: string;
}

export class PollResultsView {
  @ApiProperty({ description: 'how many attendees voted' }) voters!: number;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'number' },
    description: 'option id → votes, for every option',
  })
  counts!: Record<string, number>;
}

export class PollView {
  @ApiProperty() id!: string;
  @ApiProperty() sessionId!: string;
  @ApiProperty() question!: string;
  @ApiProperty({ enum: POLL_KINDS }) kind!: PollKind;
  @ApiProperty({ type: [PollOptionView] }) options!: PollOptionView[];
  @ApiProperty({ enum: POLL_STATES }) state!: PollState;
  @ApiProperty() showResults!: boolean;
  @ApiProperty({
    type: PollResultsView,
    nullable: true,
    description: "null for attendees until the hosts show the results; hosts' and moderators' always",
  })
  results!: PollResultsView | null;
  @ApiPropertyOptional({
    type: [String],
    nullable: true,
    description: "the caller's own choice (null: not voted); in lists and snapshots, not in broadcasts",
  })
  myVote?: string[] | null;
  @ApiProperty() createdAt!: Date;
  @ApiProperty({ type: Date, nullable: true }) openedAt!: Date | null;
  @ApiProperty({ type: Date, nullable: true }) closedAt!: Date | null;
}

export class PollList {
  @ApiProperty({ type: [PollView] }) items!: PollView[];
}

export class PollExport {
  @ApiProperty() sessionId!: string;
  @ApiProperty() exportedAt!: Date;
  @ApiProperty({ type: [PollView], description: 'every poll of the session, drafts included, with its results' })
  polls!: PollView[];
}

export class PollVoteView {
  @ApiProperty() pollId!: string;
  @ApiProperty({ type: [String] }) optionIds!: string[];
}
