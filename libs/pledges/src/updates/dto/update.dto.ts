import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Optional, PageQuery, Trimmed } from '@plenary/core';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsMongoId,
  IsNumber,
  IsObject,
  IsString,
  IsUrl,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import {
  MAX_EVIDENCE_FILES,
  MAX_EVIDENCE_LINKS,
  PLEDGE_STATUSES,
  type PledgeStatus,
} from '../../model/pledge-kinds.js';
import { PersonView } from '../../pledges/dto/pledge.dto.js';

const AN_OBJECT = { message: 'must be an object' };
const PERCENT = { message: 'must be a number from 0 to 100' };

export class EvidenceDto {
  @ApiPropertyOptional({ type: [String], maxItems: MAX_EVIDENCE_LINKS, description: 'http or https links' })
  @Optional()
  @IsArray()
  @ArrayMaxSize(MAX_EVIDENCE_LINKS)
  @ArrayUnique({ message: 'must not repeat a link' })
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true, require_tld: false },
    { each: true, message: 'must hold http or https links' },
  )
  @MaxLength(2000, { each: true, message: 'must hold links of at most 2000 characters' })
  @IsString({ each: true, message: 'must hold http or https links' })
  links?: string[];

  @ApiPropertyOptional({
    type: [String],
    maxItems: MAX_EVIDENCE_FILES,
    description: 'ids of files the caller uploaded (POST /files), attached to the update',
  })
  @Optional()
  @IsArray()
  @ArrayMaxSize(MAX_EVIDENCE_FILES)
  @ArrayUnique({ message: 'must not repeat a file' })
  @IsMongoId({ each: true, message: 'must hold 24-character hex file ids' })
  fileIds?: string[];
}

export class ReportProgressDto {
  @ApiProperty({ minLength: 1, maxLength: 5000, description: 'what happened' })
  @Trimmed()
  @IsString()
  @MinLength(1)
  @MaxLength(5000)
  text!: string;

  @ApiPropertyOptional({ minimum: 0, maximum: 100, description: 'how far the pledge is, in percent' })
  @Optional()
  @IsNumber({ allowNaN: false, allowInfinity: false }, PERCENT)
  @Min(0, PERCENT)
  @Max(100, PERCENT)
  percent?: number;

  @ApiPropertyOptional({ maxLength: 200, description: 'a milestone reached' })
  @Optional()
  @Trimmed()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  milestone?: string;

  @ApiPropertyOptional({ type: EvidenceDto })
  @Optional()
  @IsObject(AN_OBJECT)
  @ValidateNested(AN_OBJECT)
  @Type(() => EvidenceDto)
  evidence?: EvidenceDto;

  @ApiPropertyOptional({ enum: PLEDGE_STATUSES, description: 'the status the pledge moves to with this update' })
  @Optional()
  @IsIn(PLEDGE_STATUSES, { message: `must be one of ${PLEDGE_STATUSES.join(', ')}` })
  status?: PledgeStatus;
}

export class UpdateListQuery extends PageQuery {}

export class EvidenceFileView {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ description: 'bytes' }) size!: number;
  @ApiProperty() contentType!: string;
  @ApiProperty() sha256!: string;
}

export class EvidenceView {
  @ApiProperty({ type: [String] }) links!: string[];
  @ApiProperty({ type: [String] }) fileIds!: string[];
  @ApiProperty({ type: [EvidenceFileView], description: 'the files still stored: GET /files/:id downloads one' })
  files!: EvidenceFileView[];
}

export class ProgressUpdateView {
  @ApiProperty() id!: string;
  @ApiProperty() pledgeId!: string;
  @ApiProperty({ type: PersonView }) author!: PersonView;
  @ApiProperty() text!: string;
  @ApiProperty({ type: Number, nullable: true }) percent!: number | null;
  @ApiProperty({ type: String, nullable: true }) milestone!: string | null;
  @ApiProperty({ enum: PLEDGE_STATUSES, nullable: true, description: 'the status the pledge moved to, if it did' })
  status!: PledgeStatus | null;
  @ApiProperty({ type: EvidenceView }) evidence!: EvidenceView;
  @ApiProperty() createdAt!: Date;
}

export class ProgressUpdateList {
  @ApiProperty({ type: [ProgressUpdateView], description: 'newest first' }) items!: ProgressUpdateView[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}
