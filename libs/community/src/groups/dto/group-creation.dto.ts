import { ApiPropertyOptional } from '@nestjs/swagger';
import { Optional } from '@plenary/core';
import { PLATFORM_ROLES, type PlatformRole } from '@plenary/identity';
import { IsIn } from 'class-validator';

const ROLE_PROBLEM = `must be one of ${PLATFORM_ROLES.join(', ')}`;

/** The least platform role that may create each type of group. */
export class GroupCreationPolicyDto {
  @ApiPropertyOptional({ enum: PLATFORM_ROLES, default: 'member' })
  @Optional()
  @IsIn(PLATFORM_ROLES, { message: ROLE_PROBLEM })
  working_group?: PlatformRole;

  @ApiPropertyOptional({ enum: PLATFORM_ROLES, default: 'moderator' })
  @Optional()
  @IsIn(PLATFORM_ROLES, { message: ROLE_PROBLEM })
  thematic?: PlatformRole;

  @ApiPropertyOptional({ enum: PLATFORM_ROLES, default: 'admin' })
  @Optional()
  @IsIn(PLATFORM_ROLES, { message: ROLE_PROBLEM })
  country_network?: PlatformRole;

  @ApiPropertyOptional({ enum: PLATFORM_ROLES, default: 'admin' })
  @Optional()
  @IsIn(PLATFORM_ROLES, { message: ROLE_PROBLEM })
  regional_network?: PlatformRole;
}
