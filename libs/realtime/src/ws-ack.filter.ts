import { type ArgumentsHost, Catch, type ExceptionFilter, HttpStatus, Logger } from '@nestjs/common';
import { toErrorBody } from '@plenary/core';
import type { Ack } from './events.js';

/**
 * Bound on every gateway (global filters do not reach gateways): a failed client event is acked
 * with `{ ok: false, error }` in the one error shape, never left hanging.
 */
@Catch()
export class WsAckFilter implements ExceptionFilter {
  private readonly logger = new Logger(WsAckFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const error = toErrorBody(exception);
    if (error.statusCode >= HttpStatus.INTERNAL_SERVER_ERROR) {
      this.logger.error({ err: exception }, 'Unhandled error in a socket event');
    }
    const ack = host
      .getArgs()
      .find((argument): argument is (result: Ack<never>) => void => typeof argument === 'function');
    ack?.({ ok: false, error });
  }
}
