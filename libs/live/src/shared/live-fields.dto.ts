import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsoDateTime, Optional, Trimmed } from '@plenary/core';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsObject,
  IsString,
  IsUrl,
  MaxLength,
  MinLength,
  ValidateBy,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { ATTENDANCE_MODES, type AttendanceMode, REGISTRATION_STATUSES } from '../model/live-kinds.js';

export const AN_OBJECT = { message: 'must be an object' };
export const A_LINK = {
  message: 'must be an http or https link',
};

export const Link = () =>
  applyDecorators(
    Trimmed(),
    IsString(),
    MaxLength(2000),
    IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false }, A_LINK),
  );

/** A link that may be left out, or sent empty to remove the one stored (an update's). */
export const ClearableLink = () =>
  applyDecorators(
    Trimmed(),
    ValidateIf((_object: object, value: unknown) => value !== undefined && value !== ''),
    IsString(),
    MaxLength(2000),
    IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false }, A_LINK),
  );

export const Title = () => applyDecorators(Trimmed(), IsString(), MinLength(2), MaxLength(200));
export const Description = () => applyDecorators(Trimmed(), IsString(), MaxLength(5000));
export const When = () => applyDecorators(IsString(), IsoDateTime());

export const Mode = () => IsIn(ATTENDANCE_MODES, { message: `must be one of ${ATTENDANCE_MODES.join(', ')}` });

const PLACES = { message: 'must be a whole number from 1 to 100000, or null for no limit' };

const Places = () =>
  applyDecorators(
    ApiPropertyOptional({ type: Number, nullable: true, minimum: 1, maximum: 100000 }),
    Optional(),
    ValidateBy({
      name: 'isPlaces',
      validator: {
        validate: (value: unknown) =>
          value === null || (typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 100000),
        defaultMessage: () => PLACES.message,
      },
    }),
  );

/** Places per attendance mode; a mode left out or null has no limit. */
export class CapacityDto {
  @Places()
  in_person?: number | null;

  @Places()
  remote?: number | null;
}

export const CapacityField = () =>
  applyDecorators(
    ApiPropertyOptional({ type: CapacityDto }),
    Optional(),
    IsObject(AN_OBJECT),
    ValidateNested(AN_OBJECT),
    Type(() => CapacityDto),
  );

export class RegistrationDto {
  @ApiProperty({ enum: ATTENDANCE_MODES })
  @Mode()
  mode!: AttendanceMode;
}

export class CapacityView {
  @ApiProperty({ type: Number, nullable: true }) in_person!: number | null;
  @ApiProperty({ type: Number, nullable: true }) remote!: number | null;
}

export function capacityOf(dto: CapacityDto | undefined): { in_person: number | null; remote: number | null } {
  return { in_person: dto?.in_person ?? null, remote: dto?.remote ?? null };
}

export class RegistrationView {
  @ApiProperty({ enum: ATTENDANCE_MODES }) mode!: AttendanceMode;
  @ApiProperty({ enum: REGISTRATION_STATUSES }) status!: string;
}
