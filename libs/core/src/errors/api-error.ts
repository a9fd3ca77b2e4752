import { HttpException, HttpStatus } from '@nestjs/common';

/** One entry of the `details` list: which field was wrong and how. */
export interface ErrorDetail {
  field: string;
  problem: string;
}

/** What went wrong, for clients to branch on (the message is for people and may change). */
export type ErrorCode =
  | 'validation_failed'
  | 'bad_request'
  | 'unauthenticated'
  | 'forbidden'
  | 'email_unverified'
  | 'not_found'
  | 'method_not_allowed'
  | 'conflict'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'range_not_satisfiable'
  | 'rate_limited'
  | 'unknown_event'
  | 'unavailable'
  | 'internal'
  /** This address signs in through its organisation's single sign-on, not with a password. */
  | 'use_sso';

/** The one error shape Plenary answers with, for every 4xx and 5xx, on REST and in socket acks. */
export interface ErrorBody {
  statusCode: number;
  code: ErrorCode;
  error: string;
  message: string;
  details: ErrorDetail[];
}

const CODE_OF_STATUS: Partial<Record<number, ErrorCode>> = {
  400: 'bad_request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  416: 'range_not_satisfiable',
  429: 'rate_limited',
  503: 'unavailable',
};

/** The code of an error that names none: the usual one for its status. */
export function codeOfStatus(status: number): ErrorCode {
  return CODE_OF_STATUS[status] ?? (status >= 500 ? 'internal' : 'bad_request');
}

/**
 * An HTTP error that carries a code and field-level details. Services throw these; the exception
 * filters turn them (and every other exception) into an ErrorBody.
 */
export class ApiError extends HttpException {
  constructor(
    status: HttpStatus,
    message: string,
    readonly details: ErrorDetail[] = [],
    readonly headers: Record<string, string> = {},
    readonly code: ErrorCode = codeOfStatus(status),
  ) {
    super(message, status);
  }

  /** Bad input: `validation_failed` when it names the fields, `bad_request` otherwise. */
  static badRequest(message: string, details: ErrorDetail[] = []): ApiError {
    return new ApiError(
      HttpStatus.BAD_REQUEST,
      message,
      details,
      {},
      details.length > 0 ? 'validation_failed' : 'bad_request',
    );
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
    return new ApiError(HttpStatus.TOO_MANY_REQUESTS, `${message}; retry in ${seconds(retryAfterSeconds)} s`, [], {
      'Retry-After': String(seconds(retryAfterSeconds)),
    });
  }

  /** The server cannot take this now (a queue is full); the client may retry after the delay. */
  static unavailable(message: string, retryAfterSeconds: number): ApiError {
    return new ApiError(HttpStatus.SERVICE_UNAVAILABLE, message, [], {
      'Retry-After': String(seconds(retryAfterSeconds)),
    });
  }

  /** A socket event no gateway handles. */
  static unknownEvent(event: string): ApiError {
    return new ApiError(HttpStatus.NOT_FOUND, `Unknown event: ${event.slice(0, 100)}`, [], {}, 'unknown_event');
  }
}

function seconds(value: number): number {
  return Math.max(1, Math.ceil(value));
}
