import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageQuery, Trimmed } from '@plenary/core';
import { COMMENT_STATUSES, type CommentStatus } from '@plenary/consultations';
import { CONTENT_STATUSES, type ContentStatus } from '@plenary/forum';
import { IsIn, IsMongoId, IsOptional, IsString, MaxLength, MinLength, ValidateIf } from 'class-validator';
import {
  FLAG_REASONS,
  FLAG_STATUSES,
  FLAG_TARGET_TYPES,
  type FlagReason,
  type FlagStatus,
  type FlagTargetType,
} from '../../model/moderation-kinds.js';
import { PersonView } from '../../model/people.js';

const REASON_PROBLEM = { message: `must be one of ${FLAG_REASONS.join(', ')}` };
const STATUS_PROBLEM = { message: `must be one of ${FLAG_STATUSES.join(', ')}` };

export class CreateFlagDto {
  @ApiProperty({ enum: FLAG_REASONS })
  @IsIn(FLAG_REASONS, REASON_PROBLEM)
  reason!: FlagReason;

  @ApiPropertyOptional({ minLength: 3, maxLength: 1000, description: 'for the moderators; required with reason other' })
  @ValidateIf((dto: CreateFlagDto) => dto.reason === 'other' || dto.note !== undefined)
  @Trimmed()
  @IsString()
  @MinLength(3)
  @MaxLength(1000)
  note?: string;
}

export class ReviewFlagDto {
  @ApiProperty({ minLength: 3, maxLength: 500, description: 'why: it goes to the audit log' })
  @Trimmed()
  @IsString()
  @MinLength(3)
  @MaxLength(500)
  reason!: string;
}

export class FlagListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: FLAG_STATUSES, description: 'every status when left out' })
  @IsOptional()
  @IsIn(FLAG_STATUSES, STATUS_PROBLEM)
  status?: FlagStatus;
}

const ID = { message: 'must be a 24-character hex id' };

export class CommentFlagParams {
  @ApiProperty({ description: 'the consultation' })
  @IsMongoId(ID)
  id!: string;

  @ApiProperty({ description: 'a comment on it' })
  @IsMongoId(ID)
  commentId!: string;
}

/** A flag on a consultation's comment as its reporter sees it. */
export class CommentFlagReceipt {
  @ApiProperty() id!: string;
  @ApiProperty() commentId!: string;
  @ApiProperty({ enum: FLAG_REASONS }) reason!: FlagReason;
  @ApiProperty({ type: String, nullable: true }) note!: string | null;
  @ApiProperty({ enum: FLAG_STATUSES }) status!: FlagStatus;
  @ApiProperty() createdAt!: Date;
}

/** A flag as its reporter sees it. */
export class FlagReceipt {
  @ApiProperty() id!: string;
  @ApiProperty() postId!: string;
  @ApiProperty({ enum: FLAG_REASONS }) reason!: FlagReason;
  @ApiProperty({ type: String, nullable: true }) note!: string | null;
  @ApiProperty({ enum: FLAG_STATUSES }) status!: FlagStatus;
  @ApiProperty() createdAt!: Date;
}

export class FlaggedPostView {
  @ApiProperty() id!: string;
  @ApiProperty() threadId!: string;
  @ApiProperty() threadTitle!: string;
  @ApiProperty({ type: String, nullable: true }) groupId!: string | null;
  @ApiProperty({ type: PersonView }) author!: PersonView;
  @ApiProperty({ enum: CONTENT_STATUSES }) status!: ContentStatus;
  @ApiProperty({ description: 'the start of its text' }) excerpt!: string;
}

export class FlaggedCommentView {
  @ApiProperty() id!: string;
  @ApiProperty() consultationId!: string;
  @ApiProperty() consultationTitle!: string;
  @ApiProperty() sectionId!: string;
  @ApiProperty() sectionTitle!: string;
  @ApiProperty({ type: String, nullable: true }) groupId!: string | null;
  @ApiProperty({ type: PersonView }) author!: PersonView;
  @ApiProperty({ enum: COMMENT_STATUSES }) status!: CommentStatus;
  @ApiProperty({ description: 'the start of its text' }) excerpt!: string;
}

export class ReasonCounts {
  @ApiProperty() spam!: number;
  @ApiProperty() abuse!: number;
  @ApiProperty() off_topic!: number;
  @ApiProperty() other!: number;
}

/** All flags on the post: counts by status, and the reasons and reporters of those with this flag's status. */
export class PostFlagsView {
  @ApiProperty() open!: number;
  @ApiProperty() resolved!: number;
  @ApiProperty() dismissed!: number;
  @ApiProperty({ type: ReasonCounts }) reasons!: ReasonCounts;
  @ApiProperty({ type: [PersonView] }) reporters!: PersonView[];
}

export class ReviewView {
  @ApiProperty({ type: PersonView }) moderator!: PersonView;
  @ApiProperty() reason!: string;
  @ApiProperty() at!: Date;
}

/** A flag as the moderators of its scope see it. */
export class FlagView {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: FLAG_STATUSES }) status!: FlagStatus;
  @ApiProperty({ enum: FLAG_REASONS }) reason!: FlagReason;
  @ApiProperty({ type: String, nullable: true }) note!: string | null;
  @ApiProperty({ type: PersonView }) reporter!: PersonView;
  @ApiProperty() createdAt!: Date;
  @ApiProperty({ type: ReviewView, nullable: true, description: 'null while open' }) review!: ReviewView | null;
  @ApiProperty({ enum: FLAG_TARGET_TYPES, description: 'what was flagged: a forum post or a consultation comment' })
  targetType!: FlagTargetType;
  @ApiProperty({
    type: FlaggedPostView,
    nullable: true,
    description: 'the flagged post; null when it no longer exists, or for a comment',
  })
  post!: FlaggedPostView | null;
  @ApiProperty({
    type: FlaggedCommentView,
    nullable: true,
    description: 'the flagged consultation comment; null when it no longer exists, or for a post',
  })
  comment!: FlaggedCommentView | null;
  @ApiProperty({ type: PostFlagsView, description: 'every flag on the flagged post or comment' })
  postFlags!: PostFlagsView;
}

export class FlagPage {
  @ApiProperty({ type: [FlagView] }) items!: FlagView[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}
