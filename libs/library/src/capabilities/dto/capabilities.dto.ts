import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Optional } from '@plenary/core';
import { ArrayMaxSize, ArrayUnique, IsArray, IsIn, IsMongoId } from 'class-validator';
import { CAPABILITIES, type Capability } from '../../model/library-kinds.js';

export class CapabilitiesDto {
  @ApiProperty({ enum: CAPABILITIES, isArray: true, description: 'replaces what the member holds in that scope' })
  @IsArray()
  @ArrayMaxSize(CAPABILITIES.length)
  @ArrayUnique({ message: 'must not repeat a capability' })
  @IsIn(CAPABILITIES, { each: true, message: `must hold ${CAPABILITIES.join(' or ')}` })
  capabilities!: Capability[];

  @ApiPropertyOptional({ description: "a group's id: the capabilities hold in that group's library only" })
  @Optional()
  @IsMongoId({ message: 'must be a 24-character hex id' })
  groupId?: string;
}

export class GroupCapabilitiesView {
  @ApiProperty() groupId!: string;
  @ApiProperty({ enum: CAPABILITIES, isArray: true }) capabilities!: Capability[];
}

export class CapabilitiesView {
  @ApiProperty() userId!: string;
  @ApiProperty({ enum: CAPABILITIES, isArray: true, description: 'platform-wide' }) capabilities!: Capability[];
  @ApiProperty({ type: [GroupCapabilitiesView], description: "in groups' libraries" })
  groups!: GroupCapabilitiesView[];
}
