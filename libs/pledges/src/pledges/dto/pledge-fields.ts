import { applyDecorators } from '@nestjs/common';
import { COUNTRY_CODES, PRINCIPLE_KEYS, REGION_KEYS } from '@plenary/community';
import { IsoDateTime, Trimmed } from '@plenary/core';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsMongoId,
  IsString,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import { MAX_REPRESENTATIVES, PLEDGE_STATUSES } from '../../model/pledge-kinds.js';

/** Validation shared by the pledge routes; the type check of each sits on top (it is the one reported). */

export const STATUS = { message: `must be one of ${PLEDGE_STATUSES.join(', ')}` };
export const AN_OBJECT = { message: 'must be an object' };
export const ID = { message: 'must be a 24-character hex id' };

export const PledgeTitle = () => applyDecorators(Trimmed(), IsString(), MinLength(2), MaxLength(200));
export const PledgeDescription = () => applyDecorators(Trimmed(), IsString(), MaxLength(10_000));
export const PledgerName = () => applyDecorators(Trimmed(), IsString(), MinLength(2), MaxLength(200));
export const MadeAt = () => applyDecorators(IsString(), IsoDateTime());
export const PledgeStatusField = () => IsIn(PLEDGE_STATUSES, STATUS);

/** A cluster key as sent; whether it is one of the clusters in force is checked against the list. */
export const ClusterKey = () =>
  applyDecorators(
    Trimmed(),
    IsString(),
    MaxLength(60),
    Matches(/^[a-z0-9]+(-[a-z0-9]+)*$/, { message: 'must be a cluster key, such as climate-change' }),
  );

export const PrincipleKeyList = () =>
  applyDecorators(
    IsArray(),
    ArrayMaxSize(PRINCIPLE_KEYS.length),
    ArrayUnique({ message: 'must not repeat a principle' }),
    IsIn(PRINCIPLE_KEYS, { each: true, message: `must hold GCM guiding principles: ${PRINCIPLE_KEYS.join(', ')}` }),
  );

export const RegionKeyList = () =>
  applyDecorators(
    IsArray(),
    ArrayMaxSize(REGION_KEYS.length),
    ArrayUnique({ message: 'must not repeat a region' }),
    IsIn(REGION_KEYS, { each: true, message: `must hold regions: ${REGION_KEYS.join(', ')}` }),
  );

export const CountryCodeList = () =>
  applyDecorators(
    Transform(({ value }: { value: unknown }) =>
      Array.isArray(value) ? value.map((item) => (typeof item === 'string' ? item.trim().toUpperCase() : item)) : value,
    ),
    IsArray(),
    ArrayMaxSize(COUNTRY_CODES.length),
    ArrayUnique({ message: 'must not repeat a country' }),
    IsIn(COUNTRY_CODES, { each: true, message: 'must hold ISO 3166-1 alpha-2 country codes, such as SN or MX' }),
  );

export const RepresentativeIds = () =>
  applyDecorators(
    IsArray(),
    ArrayMinSize(1, { message: 'must name at least one representative' }),
    ArrayMaxSize(MAX_REPRESENTATIVES),
    ArrayUnique({ message: 'must not repeat a member' }),
    IsMongoId({ each: true, message: 'must hold 24-character hex member ids' }),
  );
