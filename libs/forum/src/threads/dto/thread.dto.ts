import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { LanguageCode, OBJECTIVE_NUMBERS, ObjectiveNumberList } from '@plenary/community';
import { Optional, PageQuery, Trimmed } from '@plenary/core';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsMongoId,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import {
  CONTENT_STATUSES,
  type ContentStatus,
  REACTION_KINDS,
  type ReactionKind,
  THREAD_SORTS,
  type ThreadSort,
} from '../../model/forum-kinds.js';

/** Posts are long-form, but not documents: files come with the library. */
export const MAX_BODY = 20_000;
const ID = { message: 'must be a 24-character hex id' };

export class ThreadFields {
  @ApiPropertyOptional({ type: [String], maxItems: 10, description: 'free tags, normalised (lower case, no accents)' })
  @Optional()
  @IsArray()
  @ArrayMaxSize(10)
  @Transform(({ value }: { value: unknown }) =>
    Array.isArray(value) ? value.map((tag) => (typeof tag === 'string' ? tag.trim() : tag)) : value,
  )
  @IsString({ each: true })
  @MinLength(2, { each: true })
  @MaxLength(30, { each: true })
  @Matches(/^[\p{L}\p{N}][\p{L}\p{N} ._-]*$/u, {
    each: true,
    message: 'each must be letters, digits, spaces, . _ or -',
  })
  tags?: string[];

  @ApiPropertyOptional({ type: [Number], enum: OBJECTIVE_NUMBERS, description: 'GCM objective numbers' })
  @Optional()
  @ObjectiveNumberList()
  objectives?: number[];

  @ApiPropertyOptional({ description: "ISO 639-1; the category's language by default" })
  @Optional()
  @LanguageCode()
  language?: string;
}

export class CreateThreadDto extends ThreadFields {
  @ApiProperty({ minLength: 3, maxLength: 200 })
  @Trimmed()
  @IsString()
  @MinLength(3)
  @MaxLength(200)
  title!: string;

  @ApiProperty({ minLength: 1, maxLength: MAX_BODY, description: 'Markdown; mention a member with @[Name](member id)' })
  @IsString()
  @MinLength(1)
  @MaxLength(MAX_BODY)
  body!: string;
}

export class UpdateThreadDto extends ThreadFields {
  @ApiPropertyOptional({ minLength: 3, maxLength: 200 })
  @Optional()
  @Trimmed()
  @IsString()
  @MinLength(3)
  @MaxLength(200)
  title?: string;
}

export class ThreadListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: THREAD_SORTS, default: 'latest' })
  @IsOptional()
  @IsIn(THREAD_SORTS, { message: `must be one of ${THREAD_SORTS.join(', ')}` })
  sort: ThreadSort = 'latest';
}

export class ReasonDto {
  @ApiPropertyOptional({ maxLength: 500, description: 'why: it goes to the audit log' })
  @Optional()
  @Trimmed()
  @IsString()
  @MinLength(3)
  @MaxLength(500)
  reason?: string;
}

export class MoveThreadDto extends ReasonDto {
  @ApiProperty({ description: 'the category to move it to' })
  @IsMongoId(ID)
  categoryId!: string;
}

export class PostRefDto {
  @ApiProperty()
  @IsMongoId(ID)
  postId!: string;
}

export class CreatePostDto {
  @ApiProperty({ minLength: 1, maxLength: MAX_BODY, description: 'Markdown; mention a member with @[Name](member id)' })
  @IsString()
  @MinLength(1)
  @MaxLength(MAX_BODY)
  body!: string;

  @ApiPropertyOptional({ description: 'the post of this thread it replies to (quotes)' })
  @Optional()
  @IsMongoId(ID)
  replyTo?: string;
}

/** Markdown to render as a post would be, without posting it (the composer's preview). */
export class PreviewDto {
  @ApiProperty({
    minLength: 1,
    maxLength: MAX_BODY,
    description: 'Markdown, as a post body; mentions as @[Name](member id)',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(MAX_BODY)
  text!: string;
}

export class PreviewView {
  @ApiProperty({ description: 'the sanitized rendering, exactly as a post with this text would be stored' })
  html!: string;
}

export class EditPostDto {
  @ApiProperty({ minLength: 1, maxLength: MAX_BODY })
  @IsString()
  @MinLength(1)
  @MaxLength(MAX_BODY)
  body!: string;

  @ApiPropertyOptional({ maxLength: 500, description: "required when a moderator edits someone else's post" })
  @Optional()
  @Trimmed()
  @IsString()
  @MinLength(3)
  @MaxLength(500)
  reason?: string;
}

export class ReactionParams {
  @ApiProperty({ description: 'the post' })
  @IsMongoId(ID)
  id!: string;

  @ApiProperty({ enum: REACTION_KINDS })
  @IsIn(REACTION_KINDS, { message: `must be one of ${REACTION_KINDS.join(', ')}` })
  kind!: ReactionKind;
}

export class PersonView {
  @ApiProperty({ type: String, nullable: true, description: 'null for a deleted account' }) id!: string | null;
  @ApiProperty() displayName!: string;
}

export class ThreadView {
  @ApiProperty() id!: string;
  @ApiProperty() categoryId!: string;
  @ApiProperty({ type: String, nullable: true }) groupId!: string | null;
  @ApiProperty() title!: string;
  @ApiProperty({ type: PersonView }) author!: PersonView;
  @ApiProperty({ type: [String] }) tags!: string[];
  @ApiProperty({ type: [Number] }) objectives!: number[];
  @ApiProperty() language!: string;
  @ApiProperty({ enum: CONTENT_STATUSES }) status!: ContentStatus;
  @ApiProperty() pinned!: boolean;
  @ApiProperty() locked!: boolean;
  @ApiProperty() replyCount!: number;
  @ApiProperty() lastActivityAt!: Date;
  @ApiProperty({ type: PersonView }) lastPoster!: PersonView;
  @ApiProperty({ type: String, nullable: true }) acceptedPostId!: string | null;
  @ApiProperty({
    description: 'posts the caller has not read (every post of a thread they never opened); 0 for a guest',
  })
  unreadCount!: number;
  @ApiProperty() following!: boolean;
  @ApiProperty() createdAt!: Date;
  @ApiProperty() updatedAt!: Date;
}

export class ThreadPage {
  @ApiProperty({ type: [ThreadView], description: 'on the first page, the pinned threads come first' })
  items!: ThreadView[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}

export class ReactionsView {
  @ApiProperty({ description: 'counts by kind' }) counts!: Record<ReactionKind, number>;
  @ApiProperty({ enum: REACTION_KINDS, isArray: true, description: "the caller's own" }) mine!: ReactionKind[];
}

export class PostView {
  @ApiProperty() id!: string;
  @ApiProperty() threadId!: string;
  @ApiProperty({ description: 'its place in the thread; 1 is the opening post' }) number!: number;
  @ApiProperty({ type: PersonView }) author!: PersonView;
  @ApiProperty({ type: String, nullable: true, description: 'the Markdown, for editing; null when deleted or hidden' })
  body!: string | null;
  @ApiProperty({ description: 'the sanitized rendering; empty when deleted or hidden' }) html!: string;
  @ApiProperty({ type: String, nullable: true }) replyTo!: string | null;
  @ApiProperty({ type: [PersonView] }) mentions!: PersonView[];
  @ApiProperty({ type: ReactionsView }) reactions!: ReactionsView;
  @ApiProperty({ enum: CONTENT_STATUSES }) status!: ContentStatus;
  @ApiProperty() editCount!: number;
  @ApiProperty({ type: Date, nullable: true }) editedAt!: Date | null;
  @ApiProperty() createdAt!: Date;
}

export class PostPage {
  @ApiProperty({ type: [PostView] }) items!: PostView[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}

export class RevisionView {
  @ApiProperty({ type: PersonView }) editor!: PersonView;
  @ApiProperty() previousBody!: string;
  @ApiProperty({ type: String, nullable: true }) reason!: string | null;
  @ApiProperty() editedAt!: Date;
}

export class RevisionList {
  @ApiProperty({ type: [RevisionView] }) items!: RevisionView[];
}
