import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import {
  DISMISS_REASONS,
  type DismissReason,
  QUESTION_STATES,
  type QuestionState,
  SESSION_STATUSES,
  type SessionStatus,
} from '../../model/live-kinds.js';
import { EXPORT_FORMATS, type ExportFormat } from '../../sessions/dto/session.dto.js';

export class QuestionExportQuery {
  @ApiPropertyOptional({ enum: EXPORT_FORMATS, default: 'json' })
  @IsOptional()
  @IsIn(EXPORT_FORMATS, { message: 'must be json or csv' })
  format?: ExportFormat;
}

export class QuestionExportItem {
  @ApiProperty() id!: string;
  @ApiProperty() text!: string;
  @ApiProperty({ enum: QUESTION_STATES }) state!: QuestionState;
  @ApiProperty({ description: 'counted from the votes (a merged question gave its votes to the other)' })
  votes!: number;
  @ApiProperty({ description: "the asker's display name; for an anonymous question, its pseudonym in the session" })
  asker!: string;
  @ApiProperty() anonymous!: boolean;
  @ApiProperty({ description: 'ISO 639-1' }) language!: string;
  @ApiProperty() askedAt!: Date;
  @ApiProperty({ type: String, nullable: true }) answer!: string | null;
  @ApiProperty({ type: Date, nullable: true }) answeredAt!: Date | null;
  @ApiProperty({ enum: DISMISS_REASONS, nullable: true }) dismissReason!: DismissReason | null;
  @ApiProperty({ type: String, nullable: true }) dismissNote!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'the question it was merged into' })
  mergedInto!: string | null;
}

export class QuestionExport {
  @ApiProperty({ type: [QuestionExportItem], description: 'every question of the session, in order of asking' })
  items!: QuestionExportItem[];
}

export class DismissReasonCounts implements Record<DismissReason, number> {
  @ApiProperty() duplicate!: number;
  @ApiProperty() off_topic!: number;
  @ApiProperty() inappropriate!: number;
  @ApiProperty() spam!: number;
  @ApiProperty() out_of_time!: number;
  @ApiProperty() other!: number;
}

export class DismissedCounts {
  @ApiProperty() total!: number;
  @ApiProperty({ type: DismissReasonCounts }) byReason!: DismissReasonCounts;
}

export class QuestionCountsView {
  @ApiProperty({ description: 'every question asked; each of the others counts a question in its state now' })
  received!: number;
  @ApiProperty({ description: 'still held by pre-moderation' }) pending!: number;
  @ApiProperty({ description: 'approved and left open: not answered, dismissed or merged' }) approved!: number;
  @ApiProperty() answered!: number;
  @ApiProperty({ type: DismissedCounts }) dismissed!: DismissedCounts;
  @ApiProperty() merged!: number;
  @ApiProperty({ description: 'taken back by their askers' }) withdrawn!: number;
}

export class SessionReport {
  @ApiProperty() sessionId!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: SESSION_STATUSES }) status!: SessionStatus;
  @ApiProperty({ type: Date, nullable: true }) startedAt!: Date | null;
  @ApiProperty({ type: Date, nullable: true }) endedAt!: Date | null;
  @ApiProperty({ type: QuestionCountsView }) questions!: QuestionCountsView;
  @ApiProperty({ description: 'votes on all its questions' }) votes!: number;
  @ApiProperty({ type: String, nullable: true, description: 'the forum thread its open questions were carried to' })
  forumThreadId!: string | null;
}

export class QuestionAuthor {
  @ApiProperty({ type: String, nullable: true, description: "the member's id; null for a guest" })
  userId!: string | null;
  @ApiProperty({
    description: "the member's display name now (the name they asked under if the account is gone), or the guest's",
  })
  displayName!: string;
  @ApiProperty({ description: 'asked as a guest of the session (no account)' }) guest!: boolean;
}
