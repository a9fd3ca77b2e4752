import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { ConsultationCommentView, PersonView } from '../../comments/dto/comment.dto.js';
import {
  CONSULTATION_STATES,
  type ConsultationState,
  EXPORT_FORMATS,
  type ExportFormat,
  TOP_COMMENTS,
} from '../../model/consultation-kinds.js';

/** What the caller may do with the consultation. */
export class ConsultationViewer {
  @ApiProperty({ description: 'may comment and endorse now (it is open)' }) canComment!: boolean;
  @ApiProperty({ description: 'may edit it and see the inputs by section' }) canManage!: boolean;
  @ApiProperty({ description: 'may export the inputs' }) canExport!: boolean;
  @ApiProperty({ description: 'may hide and restore comments' }) canModerate!: boolean;
}

export class ConsultationSummary {
  @ApiProperty() id!: string;
  @ApiProperty() title!: string;
  @ApiProperty() closesAt!: Date;
  @ApiProperty({ enum: CONSULTATION_STATES }) status!: ConsultationState;
  @ApiProperty({ type: String, nullable: true }) groupId!: string | null;
  @ApiProperty({ type: PersonView }) owner!: PersonView;
  @ApiProperty() sectionCount!: number;
  @ApiProperty({ description: 'visible comments, counted from them' }) commentCount!: number;
  @ApiProperty({ type: ConsultationViewer }) viewer!: ConsultationViewer;
  @ApiProperty() createdAt!: Date;
  @ApiProperty() updatedAt!: Date;
}

export class ConsultationList {
  @ApiProperty({ type: [ConsultationSummary] }) items!: ConsultationSummary[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}

export class ConsultationSectionView {
  @ApiProperty() id!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ description: 'Markdown' }) text!: string;
  @ApiProperty({ description: 'the text rendered and sanitized' }) html!: string;
  @ApiProperty({ description: 'visible comments on the section' }) commentCount!: number;
  @ApiProperty({
    type: [ConsultationCommentView],
    description: 'the first comments, oldest first (hidden ones only to their author and moderators)',
  })
  comments!: ConsultationCommentView[];
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'more comments: GET /consultations/:id/sections/:sectionId/comments?cursor=',
  })
  nextCursor!: string | null;
}

export class ConsultationView extends ConsultationSummary {
  @ApiProperty({ description: 'Markdown' }) body!: string;
  @ApiProperty({ description: 'the body rendered and sanitized' }) html!: string;
  @ApiProperty({ type: [ConsultationSectionView] }) sections!: ConsultationSectionView[];
}

export class ConsultationExportQuery {
  @ApiPropertyOptional({ enum: EXPORT_FORMATS, default: 'json' })
  @IsOptional()
  @IsIn(EXPORT_FORMATS, { message: 'must be json or csv' })
  format?: ExportFormat;
}

export class ConsultationInputCounts {
  @ApiProperty({ description: 'visible comments' }) comments!: number;
  @ApiProperty({ description: 'endorsements of the visible comments' }) endorsements!: number;
  @ApiProperty({ description: 'members who wrote a visible comment' }) commenters!: number;
  @ApiProperty({ description: 'comments hidden by moderation (left out of the other counts and of the export)' })
  hidden!: number;
}

export class ConsultationSectionInputs extends ConsultationInputCounts {
  @ApiProperty() id!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ type: [ConsultationCommentView], description: `the most endorsed comments (at most ${TOP_COMMENTS})` })
  top!: ConsultationCommentView[];
}

/** The owner's view: the inputs grouped by section, with counts. */
export class ConsultationInputsView {
  @ApiProperty() id!: string;
  @ApiProperty() title!: string;
  @ApiProperty() closesAt!: Date;
  @ApiProperty({ enum: CONSULTATION_STATES }) status!: ConsultationState;
  @ApiProperty({ type: ConsultationInputCounts }) totals!: ConsultationInputCounts;
  @ApiProperty({ type: [ConsultationSectionInputs] }) sections!: ConsultationSectionInputs[];
}

export class ConsultationExportedComment {
  @ApiProperty() id!: string;
  @ApiProperty({ type: PersonView }) author!: PersonView;
  @ApiProperty({ description: 'Markdown' }) body!: string;
  @ApiProperty() endorsements!: number;
  @ApiProperty() createdAt!: Date;
}

export class ConsultationExportedSection {
  @ApiProperty() id!: string;
  @ApiProperty({ description: 'its position in the draft, from 1' }) number!: number;
  @ApiProperty() title!: string;
  @ApiProperty() commentCount!: number;
  @ApiProperty() endorsementCount!: number;
  @ApiProperty({ type: [ConsultationExportedComment], description: 'visible comments, oldest first' })
  comments!: ConsultationExportedComment[];
}

export class ConsultationExported {
  @ApiProperty() id!: string;
  @ApiProperty() title!: string;
  @ApiProperty() closesAt!: Date;
  @ApiProperty({ enum: CONSULTATION_STATES }) status!: ConsultationState;
  @ApiProperty() exportedAt!: Date;
}

export class ConsultationExport {
  @ApiProperty({ type: ConsultationExported }) consultation!: ConsultationExported;
  @ApiProperty({ type: [ConsultationExportedSection] }) sections!: ConsultationExportedSection[];
}
