import { applyDecorators } from '@nestjs/common';
import { COUNTRY_CODES, PRINCIPLE_KEYS, REGION_KEYS } from '@plenary/community';
import { Trimmed } from '@plenary/core';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsMongoId,
  IsString,
  IsUrl,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import { SUMMARY_MAX, TITLE_MAX } from './library-kinds.js';

/** Validation of the library's fields (taxonomy values reuse the community's lists). */
const trimmedEach = ({ value }: { value: unknown }) =>
  Array.isArray(value) ? value.map((item) => (typeof item === 'string' ? item.trim() : item)) : value;
const upperEach = ({ value }: { value: unknown }) =>
  Array.isArray(value) ? value.map((item) => (typeof item === 'string' ? item.trim().toUpperCase() : item)) : value;

export const TitleField = () => applyDecorators(Trimmed(), IsString(), MinLength(2), MaxLength(TITLE_MAX));
export const SummaryField = () => applyDecorators(Trimmed(), IsString(), MinLength(1), MaxLength(SUMMARY_MAX));

/** A list of short names (authors, organisations): 1–200 characters each, at most 50. */
export const NameList = () =>
  applyDecorators(
    Transform(trimmedEach),
    IsArray(),
    ArrayMaxSize(50),
    IsString({ each: true }),
    MinLength(1, { each: true, message: 'must hold names of 1 to 200 characters' }),
    MaxLength(200, { each: true, message: 'must hold names of 1 to 200 characters' }),
  );

export const TagList = () =>
  applyDecorators(
    Transform(trimmedEach),
    IsArray(),
    ArrayMaxSize(20),
    IsString({ each: true }),
    Matches(/^[\p{L}\p{N}][\p{L}\p{N} _-]{0,49}$/u, {
      each: true,
      message: 'must hold tags of 1 to 50 letters, digits, spaces, - or _',
    }),
  );

export const CountryCodeList = () =>
  applyDecorators(
    Transform(upperEach),
    IsArray(),
    ArrayMaxSize(COUNTRY_CODES.length),
    ArrayUnique({ message: 'must not repeat a country' }),
    IsIn(COUNTRY_CODES, { each: true, message: 'must hold ISO 3166-1 alpha-2 country codes, such as SN or MX' }),
  );

export const RegionKeyList = () =>
  applyDecorators(
    IsArray(),
    ArrayMaxSize(REGION_KEYS.length),
    ArrayUnique({ message: 'must not repeat a region' }),
    IsIn(REGION_KEYS, { each: true, message: `must hold regions among ${REGION_KEYS.join(', ')}` }),
  );

export const PrincipleKeyList = () =>
  applyDecorators(
    IsArray(),
    ArrayMaxSize(PRINCIPLE_KEYS.length),
    ArrayUnique({ message: 'must not repeat a principle' }),
    IsIn(PRINCIPLE_KEYS, { each: true, message: `must hold guiding principles among ${PRINCIPLE_KEYS.join(', ')}` }),
  );

export const FileIdList = () =>
  applyDecorators(
    IsArray(),
    ArrayMaxSize(20),
    ArrayUnique({ message: 'must not repeat a file' }),
    IsMongoId({ each: true, message: 'must hold 24-character hex ids of uploaded files' }),
  );

export const LinkField = () =>
  applyDecorators(
    Trimmed(),
    IsString(),
    MaxLength(2000),
    IsUrl(
      { protocols: ['http', 'https'], require_protocol: true, require_tld: false },
      {
        message: 'must be an http or https link',
      },
    ),
  );

export const LinkList = () =>
  applyDecorators(
    Transform(trimmedEach),
    IsArray(),
    ArrayMaxSize(10),
    IsString({ each: true }),
    MaxLength(2000, { each: true }),
    IsUrl(
      { protocols: ['http', 'https'], require_protocol: true, require_tld: false },
      { each: true, message: 'must hold http or https links' },
    ),
  );

export const NonEmpty = () => ArrayMinSize(1, { message: 'must hold at least one value' });
