import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Trimmed } from '@plenary/core';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsObject,
  IsString,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';

const AN_OBJECT = { message: 'must be an object' };
const Label = () => applyDecorators(Trimmed(), IsString(), MinLength(1), MaxLength(100));

export class ClusterLabelDto {
  @ApiProperty({ maxLength: 100, example: 'Climate change and migration' })
  @Label()
  en!: string;

  @ApiProperty({ maxLength: 100, example: 'Changements climatiques et migration' })
  @Label()
  fr!: string;

  @ApiProperty({ maxLength: 100, example: 'Cambio climático y migración' })
  @Label()
  es!: string;
}

export class ClusterDto {
  @ApiProperty({ maxLength: 60, example: 'climate-change', description: 'lower-case words joined by hyphens' })
  @Trimmed()
  @IsString()
  @MaxLength(60)
  @Matches(/^[a-z0-9]+(-[a-z0-9]+)*$/, {
    message: 'must be lower-case words joined by hyphens, such as climate-change',
  })
  key!: string;

  @ApiProperty({ type: ClusterLabelDto })
  @IsObject(AN_OBJECT)
  @ValidateNested(AN_OBJECT)
  @Type(() => ClusterLabelDto)
  label!: ClusterLabelDto;
}

export class ClusterListDto {
  @ApiProperty({ type: [ClusterDto], minItems: 1, maxItems: 50, description: 'in the order they are shown' })
  @IsArray({ message: 'must be a list' })
  @ArrayMinSize(1, { message: 'must hold at least one cluster' })
  @ArrayMaxSize(50)
  @ValidateNested({ each: true, message: 'must hold objects' })
  @Type(() => ClusterDto)
  clusters!: ClusterDto[];
}

export class ClusterListView {
  @ApiProperty({ type: [ClusterDto] }) clusters!: ClusterDto[];
}
