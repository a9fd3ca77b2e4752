import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageQuery } from '@plenary/core';
import { IsIn, IsMongoId, IsOptional, IsString } from 'class-validator';
import { GROUP_ROLES, type GroupRole, MEMBERSHIP_STATUSES, type MembershipStatus } from '../group-kinds.js';

const ROLE_PROBLEM = { message: `must be one of ${GROUP_ROLES.join(', ')}` };

export class InviteDto {
  @ApiProperty({ description: 'the id of the member to invite' })
  @IsString()
  @IsMongoId({ message: 'must be a 24-character hex id' })
  userId!: string;
}

export class ChangeRoleDto {
  @ApiProperty({ enum: GROUP_ROLES })
  @IsIn(GROUP_ROLES, ROLE_PROBLEM)
  role!: GroupRole;
}

export class MemberListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: GROUP_ROLES })
  @IsOptional()
  @IsIn(GROUP_ROLES, ROLE_PROBLEM)
  role?: GroupRole;
}

export class MembershipView {
  @ApiProperty() groupId!: string;
  @ApiProperty() userId!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ enum: GROUP_ROLES }) role!: GroupRole;
  @ApiProperty({ enum: MEMBERSHIP_STATUSES }) status!: MembershipStatus;
  @ApiProperty({ description: 'when it became active, or when it was asked for or sent' }) since!: Date;
}

export class MembershipPage {
  @ApiProperty({ type: [MembershipView] }) items!: MembershipView[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}
