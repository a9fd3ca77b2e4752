import { HttpException, HttpStatus } from '@nestjs/common';

/** One entry of the `details` list: which field was wrong and how. */
export interface ErrorDetail {
  field: string;
  problem: string;
}

/** The one error shape Plenary answers with, for every 4xx and 5xx. */
export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  details: ErrorDetail[];
}

/**
 * An HTTP error that carries field-level details. Services throw these; the exception
 * filter turns them (and every other exception) into an ErrorBody.
 */
export class ApiError extends HttpException {
  constructor(
    status: HttpStatus,
    message: string,
    readonly details: ErrorDetail[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(message, status);
  }

  static badRequest(message: string, details: ErrorDetail[] = []): ApiError {
    return new ApiError(HttpStatus.BAD_REQUEST, message, details);
  }

  static invalidField(field: string, problem: string): ApiError {
    return ApiError.badRequest(`${field} ${problem}`, [{ field, problem }]);
  }

  static unauthorized(message = 'Authentication required'): ApiError {
    return new ApiError(HttpStatus.UNAUTHORIZED, message);
  }

  static forbidden(message = 'You are not allowed to do this'): ApiError {
    return new ApiError(HttpStatus.FORBIDDEN, message);
  }

  static notFound(what: string): ApiError {
    return new ApiError(HttpStatus.NOT_FOUND, `${what} not found`);
  }

  static conflict(message: string, details: ErrorDetail[] = []): ApiError {
    return new ApiError(HttpStatus.CONFLICT, message, details);
  }

  static tooManyRequests(message: string, retryAfterSeconds: number): ApiError {
    const seconds = Math.max(1, Math.ceil(retryAfterSeconds));
    return new ApiError(HttpStatus.TOO_MANY_REQUESTS, `${message}; retry in ${seconds} s`, [], {
      'Retry-After': String(seconds),
    });
  }
}
