import { HttpException, HttpStatus } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import { ApiError, type ErrorBody, type ErrorDetail } from './api-error.js';

/** Errors the MongoDB driver and mongoose raise when the database cannot be reached. */
const UNREACHABLE_DATABASE = new Set([
  'MongoServerSelectionError',
  'MongooseServerSelectionError',
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoNotConnectedError',
  'MongoTopologyClosedError',
]);

export function isDatabaseUnreachable(exception: unknown): boolean {
  return exception instanceof Error && UNREACHABLE_DATABASE.has(exception.name);
}

/**
 * Turns any thrown value into the one error shape. An unreachable database is a 503 (the caller
 * may retry); any other unknown error a bare 500.
 */
export function toErrorBody(exception: unknown): ErrorBody {
  if (isDatabaseUnreachable(exception)) {
    return {
      statusCode: HttpStatus.SERVICE_UNAVAILABLE,
      error: 'Service Unavailable',
      message: 'The database is unreachable; try again shortly',
      details: [],
    };
  }
  const statusCode = exception instanceof HttpException ? exception.getStatus() : HttpStatus.INTERNAL_SERVER_ERROR;
  const error = STATUS_CODES[statusCode] ?? 'Error';
  if (!(exception instanceof HttpException) || statusCode >= 500) {
    return { statusCode, error, message: statusCode >= 500 ? 'Internal server error' : error, details: [] };
  }
  const details: ErrorDetail[] = exception instanceof ApiError ? exception.details : [];
  return { statusCode, error, message: messageOf(exception), details };
}

function messageOf(exception: HttpException): string {
  const response = exception.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (Array.isArray(message)) return message.join('; ');
  return typeof message === 'string' ? message : exception.message;
}
