import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PLEDGE_STATUSES, PLEDGER_KINDS, type PledgerKind, type PledgeStatus } from '../../model/pledge-kinds.js';
import { PersonView } from '../../pledges/dto/pledge.dto.js';
import { ProgressUpdateView } from '../../updates/dto/update.dto.js';

export class KeyCount {
  @ApiProperty() key!: string;
  @ApiProperty() count!: number;
}

export class ClusterLabel {
  @ApiProperty() en!: string;
  @ApiProperty() fr!: string;
  @ApiProperty() es!: string;
}

export class ClusterCount extends KeyCount {
  @ApiProperty({ type: ClusterLabel, nullable: true, description: 'null for a cluster no longer configured' })
  label!: ClusterLabel | null;
}

export class NumberCount {
  @ApiProperty({ description: 'an objective number, or a year' }) key!: number;
  @ApiProperty() count!: number;
}

export class YearStatusCount {
  @ApiProperty({ description: 'the year pledges were made' }) key!: number;
  @ApiProperty({ type: [KeyCount], description: "each status, in order (zeros included): those pledges' status now" })
  byStatus!: KeyCount[];
}

export class LatestUpdateView extends ProgressUpdateView {
  @ApiProperty() pledgeTitle!: string;
}

export class PledgeDashboard {
  @ApiProperty({ description: 'every pledge' }) total!: number;
  @ApiProperty({ type: [KeyCount], description: 'each status, in order (zeros included); they sum to total' })
  byStatus!: KeyCount[];
  @ApiProperty({ type: [ClusterCount], description: 'each configured cluster, in order (zeros included)' })
  byCluster!: ClusterCount[];
  @ApiProperty({ type: [NumberCount], description: 'objectives 1–23; a pledge counts under each of its objectives' })
  byObjective!: NumberCount[];
  @ApiProperty({ type: [KeyCount], description: 'each region; a pledge counts under each of its regions' })
  byRegion!: KeyCount[];
  @ApiProperty({ type: [NumberCount], description: 'by the year pledges were made, oldest first' })
  byYear!: NumberCount[];
  @ApiProperty({
    type: [YearStatusCount],
    description: 'status over time: the pledges of each year of byYear, by their status now; each sums to its year',
  })
  byYearStatus!: YearStatusCount[];
  @ApiProperty({ type: [LatestUpdateView], description: 'the latest progress updates, newest first' })
  latestUpdates!: LatestUpdateView[];
}

export const EXPORT_FORMATS = ['json', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export class PledgeExportQuery {
  @ApiPropertyOptional({ enum: EXPORT_FORMATS, default: 'json' })
  @IsOptional()
  @IsIn(EXPORT_FORMATS, { message: 'must be json or csv' })
  format?: ExportFormat;
}

export class ExportedUpdate {
  @ApiProperty() id!: string;
  @ApiProperty({ type: PersonView }) author!: PersonView;
  @ApiProperty() text!: string;
  @ApiProperty({ type: Number, nullable: true }) percent!: number | null;
  @ApiProperty({ type: String, nullable: true }) milestone!: string | null;
  @ApiProperty({ enum: PLEDGE_STATUSES, nullable: true }) status!: PledgeStatus | null;
  @ApiProperty({ type: [String] }) links!: string[];
  @ApiProperty({ type: [String] }) fileIds!: string[];
  @ApiProperty() createdAt!: Date;
}

export class ExportedPledger {
  @ApiProperty({ enum: PLEDGER_KINDS }) kind!: PledgerKind;
  @ApiProperty() name!: string;
  @ApiProperty({ type: String, nullable: true }) country!: string | null;
}

export class ExportedPledge {
  @ApiProperty() id!: string;
  @ApiProperty() title!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ type: ExportedPledger }) pledger!: ExportedPledger;
  @ApiProperty({ type: [PersonView] }) representatives!: PersonView[];
  @ApiProperty({ type: [Number] }) objectives!: number[];
  @ApiProperty({ type: [String] }) principles!: string[];
  @ApiProperty() cluster!: string;
  @ApiProperty({ type: [String] }) countries!: string[];
  @ApiProperty({ type: [String] }) regions!: string[];
  @ApiProperty() madeAt!: Date;
  @ApiProperty() year!: number;
  @ApiProperty({ enum: PLEDGE_STATUSES }) status!: PledgeStatus;
  @ApiProperty({ type: Number, nullable: true }) percent!: number | null;
  @ApiProperty() followerCount!: number;
  @ApiProperty({ type: [ExportedUpdate], description: 'oldest first' }) updates!: ExportedUpdate[];
  @ApiProperty() createdAt!: Date;
}

export class PledgeExport {
  @ApiProperty() exportedAt!: Date;
  @ApiProperty({ type: [ExportedPledge], description: 'newest first' }) pledges!: ExportedPledge[];
}
