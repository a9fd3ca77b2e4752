import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { LanguageCode } from '@plenary/community';
import { Optional, Trimmed } from '@plenary/core';
import { IsBoolean, IsIn, IsMongoId, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import {
  DISMISS_REASONS,
  type DismissReason,
  MODERATION_ACTIONS,
  QUESTION_STATES,
  type QuestionModeration,
  type QuestionState,
} from '../../model/live-kinds.js';

const ID = { message: 'must be a 24-character hex id' };
const ON_OR_OFF = { message: 'must be true or false' };

export class SessionRefDto {
  @ApiProperty()
  @IsMongoId(ID)
  sessionId!: string;
}

export class QuestionRefDto {
  @ApiProperty()
  @IsMongoId(ID)
  questionId!: string;
}

/** The session's own limit (qa.maxLength) is checked too; 2,000 is the most any session allows. */
export class AskDto extends SessionRefDto {
  @ApiProperty({ minLength: 1, maxLength: 2000 })
  @Trimmed()
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  text!: string;

  @ApiPropertyOptional({ default: false })
  @Optional()
  @IsBoolean(ON_OR_OFF)
  anonymous?: boolean;

  @ApiPropertyOptional({ description: 'ISO 639-1', default: 'en' })
  @Optional()
  @LanguageCode()
  language?: string;

  @ApiProperty({ description: "the client's id for this question (a UUID): a retried ask returns the same question" })
  @IsUUID('all', { message: 'must be a UUID' })
  clientId!: string;
}

export class ModerateDto extends QuestionRefDto {
  @ApiProperty({ enum: MODERATION_ACTIONS })
  @IsIn(MODERATION_ACTIONS, { message: `must be one of ${MODERATION_ACTIONS.join(', ')}` })
  action!: QuestionModeration;

  @ApiPropertyOptional({ enum: DISMISS_REASONS, description: 'dismiss: why' })
  @Optional()
  @IsIn(DISMISS_REASONS, { message: `must be one of ${DISMISS_REASONS.join(', ')}` })
  reason?: DismissReason;

  @ApiPropertyOptional({ maxLength: 500, description: 'dismiss: a note' })
  @Optional()
  @Trimmed()
  @IsString()
  @MaxLength(500)
  note?: string;

  @ApiPropertyOptional({ maxLength: 5000, description: 'answer: the written answer (optional)' })
  @Optional()
  @Trimmed()
  @IsString()
  @MaxLength(5000)
  answer?: string;

  @ApiPropertyOptional({ description: 'merge: the question this one duplicates' })
  @Optional()
  @IsMongoId(ID)
  intoQuestionId?: string;

  @ApiPropertyOptional({ maxLength: 2000, description: 'edit: the clearer text' })
  @Optional()
  @Trimmed()
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  text?: string;
}

export const QUESTION_SORTS = ['top', 'recent'] as const;

export class QuestionListQuery {
  @ApiPropertyOptional({ enum: QUESTION_SORTS, default: 'top' })
  @IsOptional()
  @IsIn(QUESTION_SORTS, { message: 'must be top or recent' })
  sort?: (typeof QUESTION_SORTS)[number];

  @ApiPropertyOptional({
    enum: QUESTION_STATES,
    description: 'moderators see every state; attendees approved and answered',
  })
  @IsOptional()
  @IsIn(QUESTION_STATES, { message: `must be one of ${QUESTION_STATES.join(', ')}` })
  state?: QuestionState;
}

export class QuestionAuthorView {
  @ApiProperty() id!: string;
  @ApiProperty() displayName!: string;
}

export class QuestionView {
  @ApiProperty() id!: string;
  @ApiProperty() sessionId!: string;
  @ApiProperty() text!: string;
  @ApiProperty() language!: string;
  @ApiProperty({ enum: QUESTION_STATES }) state!: QuestionState;
  @ApiProperty() highlighted!: boolean;
  @ApiProperty() votes!: number;
  @ApiProperty({ type: String, nullable: true }) answer!: string | null;
  @ApiProperty({ type: QuestionAuthorView, nullable: true, description: 'null for an anonymous question' })
  author!: QuestionAuthorView | null;
  @ApiPropertyOptional({ description: "an anonymous asker's stable pseudonym in this session, for moderators" })
  pseudonym?: string;
  @ApiProperty() anonymous!: boolean;
  @ApiProperty({ description: 'the caller asked it' }) mine!: boolean;
  @ApiPropertyOptional({ enum: DISMISS_REASONS }) dismissReason?: DismissReason | null;
  @ApiPropertyOptional() dismissNote?: string | null;
  @ApiPropertyOptional({ description: 'merged: the question it was merged into' }) mergedInto?: string | null;
  @ApiProperty() createdAt!: Date;
  @ApiProperty({ type: Date, nullable: true }) answeredAt!: Date | null;
}

export class QuestionList {
  @ApiProperty({ type: [QuestionView] }) items!: QuestionView[];
}
