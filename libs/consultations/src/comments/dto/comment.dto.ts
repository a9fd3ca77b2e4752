import { ApiProperty } from '@nestjs/swagger';
import { PageQuery, Trimmed } from '@plenary/core';
import { IsMongoId, IsString, MaxLength, MinLength } from 'class-validator';
import { COMMENT_MAX, COMMENT_STATUSES, type CommentStatus } from '../../model/consultation-kinds.js';

const ID = { message: 'must be a 24-character hex id' };

export class CreateConsultationCommentDto {
  @ApiProperty({ minLength: 1, maxLength: COMMENT_MAX, description: 'Markdown' })
  @Trimmed()
  @IsString()
  @MinLength(1)
  @MaxLength(COMMENT_MAX)
  body!: string;
}

export class ModerateConsultationCommentDto {
  @ApiProperty({ minLength: 3, maxLength: 500, description: 'why: it goes to the audit log' })
  @Trimmed()
  @IsString()
  @MinLength(3)
  @MaxLength(500)
  reason!: string;
}

export class ConsultationSectionParams {
  @ApiProperty({ description: 'the consultation' })
  @IsMongoId(ID)
  id!: string;

  @ApiProperty({ description: 'a section of it' })
  @IsMongoId(ID)
  sectionId!: string;
}

export class ConsultationCommentParams {
  @ApiProperty({ description: 'the consultation' })
  @IsMongoId(ID)
  id!: string;

  @ApiProperty({ description: 'a comment on it' })
  @IsMongoId(ID)
  commentId!: string;
}

export class ConsultationCommentListQuery extends PageQuery {}

export class PersonView {
  @ApiProperty({ type: String, nullable: true, description: 'null for a deleted account' }) id!: string | null;
  @ApiProperty() displayName!: string;
}

export class ConsultationCommentView {
  @ApiProperty() id!: string;
  @ApiProperty() consultationId!: string;
  @ApiProperty() sectionId!: string;
  @ApiProperty({ type: PersonView }) author!: PersonView;
  @ApiProperty({ description: 'Markdown' }) body!: string;
  @ApiProperty({ description: 'rendered and sanitized' }) html!: string;
  @ApiProperty({ enum: COMMENT_STATUSES, description: 'hidden ones reach only their author and moderators' })
  status!: CommentStatus;
  @ApiProperty({ description: 'counted from the endorsements' }) endorsements!: number;
  @ApiProperty() endorsedByMe!: boolean;
  @ApiProperty() createdAt!: Date;
}

export class ConsultationCommentPage {
  @ApiProperty({ type: [ConsultationCommentView] }) items!: ConsultationCommentView[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}

export class ConsultationEndorsementsView {
  @ApiProperty() commentId!: string;
  @ApiProperty({ description: 'counted from the endorsements' }) endorsements!: number;
  @ApiProperty() endorsedByMe!: boolean;
}
