import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { IsoDateTime, Optional, PageQuery, SearchTextRules, Trimmed } from '@plenary/core';
import {
  PLATFORM_ROLES,
  type PlatformRole,
  USER_LOCALES,
  USER_STATUSES,
  type UserLocale,
  type UserStatus,
} from '../user.schema.js';

/** Letters, marks, digits, spaces and common punctuation; no control or invisible characters. */
export const DISPLAY_NAME = /^[\p{L}\p{M}\p{N}][\p{L}\p{M}\p{N} .,'’()&/_-]*$/u;

/** The rules of a display name, wherever one is sent. */
export const DisplayNameRules = () =>
  applyDecorators(
    Trimmed(),
    IsString(),
    MinLength(2),
    MaxLength(80),
    Matches(DISPLAY_NAME, { message: 'must start with a letter or digit and contain no control characters' }),
  );

/** The rules of an email address, wherever one is sent. */
export const EmailRules = () =>
  applyDecorators(Trimmed(), IsEmail({}, { message: 'must be a valid email address' }), MaxLength(254));

export class DisplayNameField {
  @ApiProperty({ minLength: 2, maxLength: 80, example: 'Amina Diallo' })
  @DisplayNameRules()
  displayName!: string;
}

export class UpdateUserDto {
  @ApiPropertyOptional({ minLength: 2, maxLength: 80 })
  @Optional()
  @DisplayNameRules()
  displayName?: string;

  @ApiPropertyOptional({ enum: PLATFORM_ROLES })
  @Optional()
  @IsIn(PLATFORM_ROLES)
  role?: PlatformRole;

  @ApiPropertyOptional({ enum: USER_STATUSES })
  @Optional()
  @IsIn(USER_STATUSES)
  status?: UserStatus;

  @ApiPropertyOptional({ description: 'with status suspended: when the suspension ends (ISO 8601, in the future)' })
  @Optional()
  @IsoDateTime()
  suspendedUntil?: string;

  @ApiPropertyOptional({
    minLength: 3,
    maxLength: 500,
    description: 'why; required to suspend (it goes to the audit log)',
  })
  @ValidateIf((dto: UpdateUserDto) => dto.status === 'suspended' || dto.reason !== undefined)
  @Trimmed()
  @IsString()
  @MinLength(3)
  @MaxLength(500)
  reason?: string;
}

export class UpdateMeDto {
  @ApiProperty({ enum: USER_LOCALES, description: 'the language of the interface and of mails' })
  @IsIn(USER_LOCALES, { message: `must be one of ${USER_LOCALES.join(', ')}` })
  locale!: UserLocale;
}

export class ListUsersQuery extends PageQuery {
  @ApiPropertyOptional({ enum: PLATFORM_ROLES })
  @IsOptional()
  @IsIn(PLATFORM_ROLES)
  role?: PlatformRole;

  @ApiPropertyOptional({ enum: USER_STATUSES })
  @IsOptional()
  @IsIn(USER_STATUSES)
  status?: UserStatus;

  @ApiPropertyOptional({ description: 'part of the display name or email, any letter case', maxLength: 100 })
  @IsOptional()
  @SearchTextRules()
  q?: string;
}

export class UserView {
  @ApiProperty() id!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ enum: PLATFORM_ROLES }) role!: PlatformRole;
  @ApiProperty({ enum: USER_STATUSES }) status!: UserStatus;
  @ApiPropertyOptional({ description: 'only to the user themself and to moderators and admins' }) email?: string;
  @ApiPropertyOptional({
    description: 'whether the user proved they read mail at `email`; only to the user themself',
  })
  emailVerified?: boolean;
  @ApiPropertyOptional({
    enum: USER_LOCALES,
    description: 'the language of the interface and of mails; only to the user themself',
  })
  locale?: UserLocale;
  @ApiPropertyOptional({
    type: Date,
    nullable: true,
    description: 'when a suspension ends; to the same people as email',
  })
  suspendedUntil?: Date | null;
  @ApiProperty() createdAt!: Date;
}

export class UserPage {
  @ApiProperty({ type: [UserView] }) items!: UserView[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}
