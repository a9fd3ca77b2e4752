import { ValidateIf } from 'class-validator';

/**
 * The field may be left out, but when it is sent it must be valid. Unlike @IsOptional, which
 * skips validation for null too, a null is validated and refused ("must not be null").
 */
export const Optional = () => ValidateIf((_object: object, value: unknown) => value !== undefined);
