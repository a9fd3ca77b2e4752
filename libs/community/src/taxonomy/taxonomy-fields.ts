import { applyDecorators } from '@nestjs/common';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsArray, IsIn, IsInt, IsString } from 'class-validator';
import {
  COUNTRY_CODES,
  LANGUAGE_CODES,
  OBJECTIVE_NUMBERS,
  ORGANISATION_TYPES,
  REGION_KEYS,
  UI_LANGUAGES,
} from './reference-data.js';

/**
 * Validation of taxonomy values, wherever they are sent (profiles, groups, filters). Decorators run
 * bottom-up and the top-most failing one is reported, so the type check sits on top.
 */
const upperCase = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toUpperCase() : value);
const lowerCase = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value);

export const CountryCode = () =>
  applyDecorators(
    Transform(upperCase),
    IsString(),
    IsIn(COUNTRY_CODES, { message: 'must be an ISO 3166-1 alpha-2 country code, such as SN or MX' }),
  );

export const RegionKey = () =>
  applyDecorators(IsString(), IsIn(REGION_KEYS, { message: `must be one of ${REGION_KEYS.join(', ')}` }));

export const OrganisationTypeKey = () =>
  applyDecorators(IsString(), IsIn(ORGANISATION_TYPES, { message: `must be one of ${ORGANISATION_TYPES.join(', ')}` }));

export const LanguageCode = () =>
  applyDecorators(
    Transform(lowerCase),
    IsString(),
    IsIn(LANGUAGE_CODES, { message: 'must be an ISO 639-1 language code, such as en, fr or es' }),
  );

export const LanguageCodeList = () =>
  applyDecorators(
    Transform(({ value }: { value: unknown }) =>
      Array.isArray(value) ? value.map((item) => (typeof item === 'string' ? item.trim().toLowerCase() : item)) : value,
    ),
    IsArray(),
    ArrayMaxSize(20),
    ArrayUnique({ message: 'must not repeat a language' }),
    IsIn(LANGUAGE_CODES, { each: true, message: 'must hold ISO 639-1 language codes, such as en, fr or es' }),
  );

const OBJECTIVE_PROBLEM = `must be GCM objective numbers from 1 to ${OBJECTIVE_NUMBERS.length}`;

export const ObjectiveNumberList = () =>
  applyDecorators(
    IsArray(),
    ArrayMaxSize(OBJECTIVE_NUMBERS.length),
    ArrayUnique({ message: 'must not repeat an objective' }),
    IsInt({ each: true, message: OBJECTIVE_PROBLEM }),
    IsIn(OBJECTIVE_NUMBERS, { each: true, message: OBJECTIVE_PROBLEM }),
  );

/** One objective number in a query string. */
export const ObjectiveNumber = () =>
  applyDecorators(
    Type(() => Number),
    IsInt({ message: `must be a GCM objective number from 1 to ${OBJECTIVE_NUMBERS.length}` }),
    IsIn(OBJECTIVE_NUMBERS, { message: `must be a GCM objective number from 1 to ${OBJECTIVE_NUMBERS.length}` }),
  );

export const UiLanguageCode = () =>
  applyDecorators(
    Transform(lowerCase),
    IsString(),
    IsIn(UI_LANGUAGES, { message: `must be one of ${UI_LANGUAGES.join(', ')}` }),
  );
