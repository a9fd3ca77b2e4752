import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsoDateTime, PageQuery } from '@plenary/core';
import { Transform } from 'class-transformer';
import { IsMongoId, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { PersonView } from '../../model/people.js';

/** What the log's `actor` filter takes for what Plenary did itself (a post hidden by its flags). */
export const SYSTEM_ACTOR = 'system';

const lowerCase = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.toLowerCase() : value);

export class AuditQuery extends PageQuery {
  @ApiPropertyOptional({ description: `who acted: a member's id, or "${SYSTEM_ACTOR}"` })
  @IsOptional()
  @Transform(lowerCase)
  @IsString()
  @Matches(/^([0-9a-f]{24}|system)$/, { message: `must be a 24-character hex id or "${SYSTEM_ACTOR}"` })
  actor?: string;

  @ApiPropertyOptional({ description: 'thread, post, user, …', maxLength: 40 })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  @Matches(/^[a-z][a-z_]*$/, { message: 'must be a target type such as post, thread or user' })
  targetType?: string;

  @ApiPropertyOptional({ description: "the target's id" })
  @IsOptional()
  @Transform(lowerCase)
  @IsMongoId({ message: 'must be a 24-character hex id' })
  targetId?: string;

  @ApiPropertyOptional({
    description: 'exactly, e.g. thread.pin, post.hide, flag.resolve, user.suspend',
    maxLength: 60,
  })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  @Matches(/^[a-z_]+(\.[a-z_]+)*$/, { message: 'must be an action such as thread.pin or flag.resolve' })
  action?: string;

  @ApiPropertyOptional({ description: 'entries at or after this time (ISO 8601)' })
  @IsOptional()
  @IsoDateTime()
  since?: string;

  @ApiPropertyOptional({ description: 'entries at or before this time (ISO 8601)' })
  @IsOptional()
  @IsoDateTime()
  until?: string;
}

export class AuditTargetView {
  @ApiProperty({ description: 'thread, post, user, …' }) type!: string;
  @ApiProperty() id!: string;
  @ApiProperty({ type: String, nullable: true, description: "the target's group; null outside groups" })
  groupId!: string | null;
}

export class AuditEntryView {
  @ApiProperty() id!: string;
  @ApiProperty({
    type: PersonView,
    nullable: true,
    description: 'null when Plenary acted itself (a post hidden by flags)',
  })
  actor!: PersonView | null;
  @ApiProperty() action!: string;
  @ApiProperty({ type: AuditTargetView }) target!: AuditTargetView;
  @ApiProperty({ type: String, nullable: true }) reason!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'the changed fields as they were' })
  before!: Record<string, unknown>;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'the changed fields as they became' })
  after!: Record<string, unknown>;
  @ApiProperty() at!: Date;
}

export class AuditPage {
  @ApiProperty({ type: [AuditEntryView] }) items!: AuditEntryView[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}
