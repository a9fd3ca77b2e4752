import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsString, MaxLength, MinLength } from 'class-validator';

/** Trims a string value before it is validated; other values pass unchanged. */
export const Trimmed = () =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));

/** The `q` of every searchable list: trimmed, 1 to 100 characters. */
export const SearchTextRules = () => applyDecorators(Trimmed(), IsString(), MinLength(1), MaxLength(100));

/** The fields of a change that were sent (undefined ones dropped): what a PATCH asks to change. */
export function sentFields<T extends object>(changes: T): Partial<T> {
  return Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined)) as Partial<T>;
}
