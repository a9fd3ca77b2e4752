import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { ApiError, type ErrorDetail } from '../errors/api-error.js';

/** Flattens class-validator's tree into one detail per bad field, with dotted paths. */
export function validationDetails(errors: ValidationError[], parentPath = ''): ErrorDetail[] {
  return errors.flatMap((error) => {
    const field = parentPath ? `${parentPath}.${error.property}` : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([constraint, text]) => ({
      field,
      problem: constraint === 'whitelistValidation' ? 'is not an allowed field' : stripField(text, error.property),
    }));
    return [...own.slice(0, 1), ...validationDetails(error.children ?? [], field)];
  });
}

function stripField(text: string, property: string): string {
  return text.startsWith(`${property} `) ? text.slice(property.length + 1) : text;
}

export function validationFailed(errors: ValidationError[]): ApiError {
  const details = validationDetails(errors);
  const fields = [...new Set(details.map((detail) => detail.field))].join(', ');
  return ApiError.badRequest(`Invalid input: ${fields}`, details);
}

/** The one validation setup, used globally for HTTP and bound on every gateway. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    stopAtFirstError: true,
    exceptionFactory: validationFailed,
  });
}
