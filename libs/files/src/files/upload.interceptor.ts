import { type CallHandler, type ExecutionContext, HttpStatus, Injectable, type NestInterceptor } from '@nestjs/common';
import { ApiError } from '@plenary/core';
import type { Principal } from '@plenary/identity';
import type { Request, Response } from 'express';
import multer from 'multer';
import type { Observable } from 'rxjs';
import type { FileSummary } from '../model/file-kinds.js';
import { type IncomingFile, tooLarge, UploadFailed, Uploads } from './uploads.js';

/** The multipart field that carries the file. */
export const FILE_FIELD = 'file';

/** The request once the interceptor has received its file. */
export type UploadRequest = Request & { user: Principal; uploaded?: FileSummary };

/**
 * The multer storage engine: hands the file part to Uploads as it streams (nothing buffered
 * beyond the bytes that decide its type), and removes what it stored when the request fails.
 */
class UploadEngine implements multer.StorageEngine {
  constructor(private readonly uploads: Uploads) {}

  _handleFile(
    request: Request,
    file: Express.Multer.File,
    callback: (error?: unknown, info?: Partial<Express.Multer.File> & { uploaded?: FileSummary }) => void,
  ): void {
    const { user } = request as UploadRequest;
    this.uploads
      .receive(user, file.originalname ?? '', file.stream as IncomingFile)
      .then((uploaded) => callback(null, { uploaded, size: uploaded.size }))
      .catch((error: unknown) => callback(error));
  }

  _removeFile(
    _request: Request,
    file: Express.Multer.File & { uploaded?: FileSummary },
    callback: (error: Error | null) => void,
  ): void {
    if (!file.uploaded) return callback(null);
    this.uploads.discard(file.uploaded.id).then(() => callback(null), callback);
  }
}

/**
 * Receives `POST /files`: a multipart/form-data body with one file in the field `file`, no
 * other field. Runs after the guards (so the write budget counts the upload before a byte is
 * read). Refusals: not multipart or malformed → 400; another field → 400 naming it; over
 * UPLOAD_MAX_BYTES → 413; a type outside the allow-list → 415. Each leaves nothing stored.
 */
@Injectable()
export class UploadInterceptor implements NestInterceptor {
  private readonly receive: ReturnType<ReturnType<typeof multer>['single']>;

  constructor(private readonly uploads: Uploads) {
    this.receive = multer({
      storage: new UploadEngine(uploads),
      defParamCharset: 'utf8',
      limits: {
        fileSize: uploads.maxBytes,
        files: 1,
        fields: 10,
        fieldSize: 1024,
        fieldNameSize: 100,
        parts: 11,
        headerPairs: 20,
      },
    }).single(FILE_FIELD);
  }

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const http = context.switchToHttp();
    const request = http.getRequest<UploadRequest>();
    const response = http.getResponse<Response>();
    if (!/^multipart\/form-data(\s*;|\s*$)/i.test(request.headers['content-type'] ?? '')) {
      throw ApiError.invalidField(FILE_FIELD, 'must be sent in a multipart/form-data body');
    }
    await new Promise<void>((resolve, reject) =>
      this.receive(request, response, (error: unknown) => (error ? reject(this.refusal(error)) : resolve())),
    );
    const file = (request as UploadRequest & { file?: { uploaded?: FileSummary } }).file;
    const extra = Object.keys((request.body as Record<string, unknown> | undefined) ?? {});
    if (extra.length > 0) {
      if (file?.uploaded) await this.uploads.discard(file.uploaded.id);
      throw ApiError.badRequest(
        `Unexpected fields: ${extra.join(', ')}`,
        extra.map((field) => ({ field, problem: 'is not an allowed field' })),
      );
    }
    if (!file?.uploaded) throw ApiError.invalidField(FILE_FIELD, 'is required: send one file in the field "file"');
    request.uploaded = file.uploaded;
    return next.handle();
  }

  /** The client's mistakes as 4xx naming the field; the server's own failures as they are (5xx). */
  private refusal(error: unknown): unknown {
    if (error instanceof ApiError) return error;
    if (error instanceof UploadFailed) return error.cause;
    if (error instanceof multer.MulterError) {
      switch (error.code) {
        case 'LIMIT_FILE_SIZE':
          return tooLarge(this.uploads.maxBytes);
        case 'LIMIT_UNEXPECTED_FILE':
          return ApiError.invalidField(
            error.field ?? FILE_FIELD,
            'is not an allowed field: send one file in the field "file"',
          );
        case 'LIMIT_FILE_COUNT':
          return ApiError.invalidField(FILE_FIELD, 'must be one file');
        default:
          return ApiError.invalidField(error.field ?? FILE_FIELD, `is not in a well-formed upload: ${error.message}`);
      }
    }
    const message = error instanceof Error ? error.message : String(error);
    return new ApiError(
      HttpStatus.BAD_REQUEST,
      `Malformed multipart body: ${message}`,
      [{ field: FILE_FIELD, problem: `is not in a well-formed multipart/form-data body (${message})` }],
      {},
      'validation_failed',
    );
  }
}
