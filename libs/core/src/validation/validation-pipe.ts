import { type ArgumentMetadata, ValidationPipe, type ValidationError } from '@nestjs/common';
import { ApiError, type ErrorDetail } from '../errors/api-error.js';
import { inputProblem } from './input-limits.js';

/**
 * Flattens class-validator's tree into one detail per bad field, with dotted paths. A missing
 * value is "is required", a null one "must not be null"; otherwise the problem of the field's top-most decorator is reported
 * (decorators run bottom-up, so that is the last constraint), which by convention is its type check.
 */
export function validationDetails(errors: ValidationError[], parentPath = ''): ErrorDetail[] {
  return errors.flatMap((error) => {
    const field = parentPath ? `${parentPath}.${error.property}` : error.property;
    const own = problemOf(error);
    return [...(own ? [{ field, problem: own }] : []), ...validationDetails(error.children ?? [], field)];
  });
}

function problemOf(error: ValidationError): string | undefined {
  const constraints = Object.entries(error.constraints ?? {});
  if (constraints.length === 0) return undefined;
  if (constraints.some(([name]) => name === 'whitelistValidation')) return 'is not an allowed field';
  if (error.value === undefined) return 'is required';
  if (error.value === null) return 'must not be null';
  const [, text] = constraints[constraints.length - 1];
  return text.startsWith(`${error.property} `) ? text.slice(error.property.length + 1) : text;
}

export function validationFailed(errors: ValidationError[]): ApiError {
  const details = validationDetails(errors);
  const fields = [...new Set(details.map((detail) => detail.field))].join(', ');
  return ApiError.badRequest(`Invalid input: ${fields}`, details);
}

/**
 * Bodies are JSON objects (a request without one is read as an empty one, so that its required fields
 * are named); an array or a bare value is refused before field validation, and so is
 * any input beyond the limits of input-limits.ts, before it can reach the validators.
 */
class PlenaryValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    // Custom arguments (the caller, the socket, the ack callback) come from the server, not the client.
    if (metadata.type === 'custom') return value;
    if (metadata.type === 'body' && value === undefined) value = {};
    if (metadata.type === 'body' && (typeof value !== 'object' || value === null || Array.isArray(value))) {
      throw ApiError.invalidField('body', 'must be a JSON object');
    }
    const problem = inputProblem(value, metadata.type === 'param' ? (metadata.data ?? '') : '');
    if (problem) throw ApiError.invalidField(problem.field, problem.problem);
    return super.transform(value, metadata);
  }
}

/** The one validation setup, used globally for HTTP and bound on every gateway. */
export function createValidationPipe(): ValidationPipe {
  return new PlenaryValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    // Nest drops the value of errors that have children unless told otherwise, and a missing value
    // reads as "is required"; the values never leave the server (the details name fields only).
    validationError: { target: false, value: true },
    exceptionFactory: validationFailed,
  });
}
