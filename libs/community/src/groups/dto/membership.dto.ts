import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageQuery, Trimmed } from '@plenary/core';
import {
  IsEmail,
  IsIn,
  IsMongoId,
  IsOptional,
  IsString,
  MaxLength,
  ValidateBy,
  type ValidationArguments,
  ValidateIf,
} from 'class-validator';
import { GROUP_ROLES, type GroupRole, MEMBERSHIP_STATUSES, type MembershipStatus } from '../group-kinds.js';

const ROLE_PROBLEM = { message: `must be one of ${GROUP_ROLES.join(', ')}` };

const NotSentWith = (other: string) =>
  ValidateBy({
    name: 'notSentWith',
    validator: {
      validate: (_value: unknown, args?: ValidationArguments) =>
        (args?.object as Record<string, unknown>)[other] === undefined,
      defaultMessage: () => `cannot be sent together with ${other}: invite a member or an address`,
    },
  });

/** Exactly one of the two: a member by id, or an address by mail. */
export class InviteDto {
  @ApiPropertyOptional({ description: 'the id of the member to invite (or send email)' })
  @ValidateIf((dto: InviteDto) => dto.userId !== undefined || dto.email === undefined)
  @IsString()
  @IsMongoId({ message: 'must be a 24-character hex id' })
  userId?: string;

  @ApiPropertyOptional({ description: 'an address to mail an invitation to (or send userId)' })
  @ValidateIf((dto: InviteDto) => dto.email !== undefined)
  @NotSentWith('userId')
  @Trimmed()
  @IsEmail({}, { message: 'must be a valid email address' })
  @MaxLength(254)
  email?: string;
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
