import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsoDateTime, Optional, PageQuery, Trimmed } from '@plenary/core';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsMongoId,
  IsObject,
  IsOptional,
  IsString,
  MaxLength,
  MinLength,
} from 'class-validator';
import {
  COMMENT_MAX,
  DECISIONS,
  type Decision,
  ITEM_STATUSES,
  type ItemStatus,
  REASON_MAX,
  type ReviewableKind,
  REVIEWABLE_KINDS,
} from '../../model/library-kinds.js';

export class AssignReviewersDto {
  @ApiProperty({ type: [String], description: 'members holding the reviewer (or editor) capability for this board' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @ArrayUnique({ message: 'must not repeat a member' })
  @IsMongoId({ each: true, message: 'must hold 24-character hex ids' })
  userIds!: string[];

  @ApiPropertyOptional({ description: 'when the reviews are due (default: the review settings’ days from now)' })
  @Optional()
  @IsoDateTime()
  dueAt?: string;
}

export class ReviewDto {
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer', minimum: 1, maximum: 5 },
    example: { relevance: 5, accuracy: 4, currency: 4, principles: 5, clarity: 3 },
    description: 'one score, 1 to 5, for each criterion of the rubric (GET /settings/review-rubric)',
  })
  @IsObject({ message: 'must be an object of criterion keys to scores' })
  scores!: Record<string, number>;

  @ApiProperty({ maxLength: COMMENT_MAX })
  @Trimmed()
  @IsString()
  @MinLength(1)
  @MaxLength(COMMENT_MAX)
  commentToAuthor!: string;

  @ApiPropertyOptional({ maxLength: COMMENT_MAX, description: 'seen by editors only' })
  @Optional()
  @Trimmed()
  @IsString()
  @MaxLength(COMMENT_MAX)
  noteToEditors?: string;
}

export class DecisionDto {
  @ApiProperty({ enum: DECISIONS })
  @IsIn(DECISIONS, { message: `must be one of ${DECISIONS.join(', ')}` })
  decision!: Decision;

  @ApiProperty({ maxLength: REASON_MAX })
  @Trimmed()
  @IsString()
  @MinLength(1)
  @MaxLength(REASON_MAX)
  reason!: string;
}

export class UnpublishDto {
  @ApiProperty({ maxLength: REASON_MAX })
  @Trimmed()
  @IsString()
  @MinLength(1)
  @MaxLength(REASON_MAX)
  reason!: string;
}

const truthy = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class SubmissionsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ITEM_STATUSES, description: 'left out: every status but published' })
  @IsOptional()
  @IsIn(ITEM_STATUSES, { message: `must be one of ${ITEM_STATUSES.join(', ')}` })
  status?: ItemStatus;

  @ApiPropertyOptional({ description: "true: only the caller's own" })
  @IsOptional()
  @Transform(truthy)
  @IsBoolean({ message: 'must be true or false' })
  mine?: boolean;
}

export class MyReviewsQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'true: only the items still in review or waiting for a revision' })
  @IsOptional()
  @Transform(truthy)
  @IsBoolean({ message: 'must be true or false' })
  active?: boolean;

  @ApiPropertyOptional({ enum: REVIEWABLE_KINDS })
  @IsOptional()
  @IsIn(REVIEWABLE_KINDS, { message: `must be one of ${REVIEWABLE_KINDS.join(', ')}` })
  kind?: ReviewableKind;
}

export class PersonView {
  @ApiProperty({ type: String, nullable: true, description: 'null once the account is deleted' }) id!: string | null;
  @ApiProperty() displayName!: string;
}

export class ReviewerView {
  @ApiProperty() id!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty() dueAt!: Date;
  @ApiProperty({ description: 'reviewed the current version' }) reviewed!: boolean;
}

export class ViewerView {
  @ApiProperty({ description: 'the caller wrote it' }) author!: boolean;
  @ApiProperty({ description: 'the caller may edit it now' }) canEdit!: boolean;
  @ApiProperty({ description: "the caller is on its board's editors" }) canDecide!: boolean;
  @ApiProperty({ description: 'the caller is one of its reviewers' }) reviewer!: boolean;
}

export class FileView {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() size!: number;
  @ApiProperty() contentType!: string;
  @ApiProperty() sha256!: string;
}

/** What every item view holds besides its kind's content. */
export class ItemBaseView {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: REVIEWABLE_KINDS }) kind!: ReviewableKind;
  @ApiProperty({ enum: ITEM_STATUSES }) status!: ItemStatus;
  @ApiProperty({ description: 'the current version' }) version!: number;
  @ApiProperty({ type: Number, nullable: true }) publishedVersion!: number | null;
  @ApiProperty({ type: Date, nullable: true }) publishedAt!: Date | null;
  @ApiProperty({ type: Date, nullable: true }) submittedAt!: Date | null;
  @ApiProperty({ type: String, nullable: true }) groupId!: string | null;
  @ApiProperty({ type: PersonView }) submittedBy!: PersonView;
  @ApiProperty({ type: [FileView] }) files!: FileView[];
  @ApiProperty({ type: [ReviewerView], nullable: true, description: 'editors only; null for anyone else' })
  reviewers!: ReviewerView[] | null;
  @ApiProperty({ type: ViewerView }) viewer!: ViewerView;
  @ApiProperty() createdAt!: Date;
  @ApiProperty() updatedAt!: Date;
}

export class VersionView {
  @ApiProperty() number!: number;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'the content as it was in that version' })
  content!: Record<string, unknown>;
  @ApiProperty() reviewed!: boolean;
  @ApiProperty({ type: Date, nullable: true }) submittedAt!: Date | null;
  @ApiProperty({ type: Date, nullable: true }) publishedAt!: Date | null;
  @ApiProperty() createdAt!: Date;
}

export class VersionList {
  @ApiProperty({ type: [VersionView], description: 'oldest first; the public sees the published version only' })
  items!: VersionView[];
}

export class ReviewView {
  @ApiProperty() id!: string;
  @ApiProperty({ description: 'the version it reviewed' }) version!: number;
  @ApiProperty({ description: 'an editor sees who; an author sees "Reviewer 1", "Reviewer 2"…' })
  reviewerLabel!: string;
  @ApiProperty({ type: PersonView, nullable: true, description: 'editors (and the reviewer, for their own) only' })
  reviewer!: PersonView | null;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' } }) scores!: Record<string, number>;
  @ApiProperty() commentToAuthor!: string;
  @ApiProperty({ type: String, nullable: true, description: 'editors (and the reviewer, for their own) only' })
  noteToEditors!: string | null;
  @ApiProperty() createdAt!: Date;
}

export class ReviewList {
  @ApiProperty({ type: [ReviewView], description: 'oldest first' }) items!: ReviewView[];
  @ApiProperty({ description: 'reviews of the current version an editor waits for' }) quorum!: number;
  @ApiProperty() version!: number;
}

export class ReviewedView {
  @ApiProperty() id!: string;
  @ApiProperty() version!: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' } }) scores!: Record<string, number>;
  @ApiProperty() commentToAuthor!: string;
  @ApiProperty() noteToEditors!: string;
  @ApiProperty() createdAt!: Date;
}

export class AssignmentsView {
  @ApiProperty({ type: [ReviewerView] }) reviewers!: ReviewerView[];
  @ApiProperty({ enum: ITEM_STATUSES }) status!: ItemStatus;
}

export class MyReviewView {
  @ApiProperty({ enum: REVIEWABLE_KINDS }) kind!: ReviewableKind;
  @ApiProperty() itemId!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: ITEM_STATUSES }) status!: ItemStatus;
  @ApiProperty() version!: number;
  @ApiProperty() dueAt!: Date;
  @ApiProperty({ description: 'the item waits for the caller’s review of its current version' }) pending!: boolean;
  @ApiProperty() assignedAt!: Date;
}

export class MyReviewPage {
  @ApiProperty({ type: [MyReviewView], description: 'latest assignment first' }) items!: MyReviewView[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}
