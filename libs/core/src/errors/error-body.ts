import { HttpException, HttpStatus } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import { ApiError, codeOfStatus, type ErrorBody, type ErrorDetail } from './api-error.js';

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
 * may retry); an ApiError keeps its own message and code; any other unknown error is a bare 500.
 */
export function toErrorBody(exception: unknown): ErrorBody {
  if (isDatabaseUnreachable(exception)) {
    return {
      statusCode: HttpStatus.SERVICE_UNAVAILABLE,
      code: 'unavailable',
      error: 'Service Unavailable',
      message: 'The database is unreachable; try again shortly',
      details: [],
    };
  }
  const statusCode = exception instanceof HttpException ? exception.getStatus() : HttpStatus.INTERNAL_SERVER_ERROR;
  const error = STATUS_CODES[statusCode] ?? 'Error';
  if (exception instanceof ApiError) {
    return { statusCode, code: exception.code, error, message: messageOf(exception), details: exception.details };
  }
  if (!(exception instanceof HttpException) || statusCode >= 500) {
    return { statusCode, code: codeOfStatus(statusCode), error, message: 'Internal server error', details: [] };
  }
  const details: ErrorDetail[] = [];
  return { statusCode, code: codeOfStatus(statusCode), error, message: messageOf(exception), details };
}

function messageOf(exception: HttpException): string {
  const response = exception.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (Array.isArray(message)) return message.join('; ');
  return typeof message === 'string' ? message : exception.message;
}
