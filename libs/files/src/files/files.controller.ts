import { pipeline } from 'node:stream/promises';
import { Controller, Get, Headers, HttpCode, HttpStatus, Param, Post, Req, Res, UseInterceptors } from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiPayloadTooLargeResponse,
  ApiProduces,
  ApiResponse,
  ApiTags,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import { ApiError, ObjectIdPipe } from '@plenary/core';
import { Authenticated, Caller, type Principal } from '@plenary/identity';
import type { Response } from 'express';
import type { FileSummary } from '../model/file-kinds.js';
import { FileStorage } from '../storage/file-storage.js';
import { FileDownloads } from './downloads.js';
import { FileMetaDto, FileSummaryDto } from './dto/file.dto.js';
import { summaryOf } from './files.service.js';
import { answerRange, contentDisposition } from './range.js';
import { FILE_FIELD, UploadInterceptor, type UploadRequest } from './upload.interceptor.js';

/** Types a browser may show in place (no script runs in them); the others are downloaded. */
const SHOWN_INLINE = new Set(['application/pdf', 'image/png', 'image/jpeg', 'image/webp']);

@ApiTags('files')
@Controller('files')
export class FilesController {
  constructor(
    private readonly downloads: FileDownloads,
    private readonly storage: FileStorage,
  ) {}

  @Post()
  @Authenticated()
  @UseInterceptors(UploadInterceptor)
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: [FILE_FIELD],
      properties: { [FILE_FIELD]: { type: 'string', format: 'binary' } },
    },
  })
  @ApiCreatedResponse({
    type: FileSummaryDto,
    description: 'stored, not attached to anything yet (visible to its uploader only until an owner takes it)',
  })
  @ApiPayloadTooLargeResponse({ description: 'larger than UPLOAD_MAX_BYTES; nothing stored' })
  @ApiUnsupportedMediaTypeResponse({
    description: 'not PDF, DOCX, XLSX, PPTX, ODT, CSV, PNG, JPEG or WebP by its bytes; nothing stored',
  })
  upload(@Req() request: UploadRequest): FileSummary {
    // The interceptor has received and stored the file.
    if (!request.uploaded) throw ApiError.invalidField(FILE_FIELD, 'is required');
    return request.uploaded;
  }

  @Get(':id/meta')
  @Authenticated({ optional: true })
  @ApiOkResponse({ type: FileMetaDto })
  @ApiNotFoundResponse({ description: 'no such file, or not one the caller may download' })
  async meta(@Caller() caller: Principal | null, @Param('id', ObjectIdPipe) id: string): Promise<FileMetaDto> {
    const file = await this.downloads.open(caller, id);
    return {
      ...summaryOf(file),
      createdAt: file.createdAt,
      attached: file.ownerKind !== null,
      textStatus: file.textStatus,
    };
  }

  @Get(':id')
  @Authenticated({ optional: true })
  @HttpCode(HttpStatus.OK)
  @ApiProduces('application/octet-stream')
  @ApiHeader({ name: 'Range', required: false, description: 'one byte range, e.g. bytes=0-1023: 206 with that range' })
  @ApiOkResponse({ description: 'the bytes, with Content-Type, Content-Disposition, Content-Length and an ETag' })
  @ApiResponse({ status: 206, description: 'the range asked for, with Content-Range' })
  @ApiResponse({ status: 416, description: 'the range starts past the end of the file' })
  @ApiNotFoundResponse({ description: 'no such file, or not one the caller may download' })
  async download(
    @Caller() caller: Principal | null,
    @Param('id', ObjectIdPipe) id: string,
    @Headers('range') range: string | undefined,
    @Headers('if-range') ifRange: string | undefined,
    @Res() response: Response,
  ): Promise<void> {
    const file = await this.downloads.open(caller, id);
    const etag = `"${file.sha256}"`;
    // A Range with an If-Range that no longer matches gets the whole (changed) file.
    const answer =
      ifRange !== undefined && ifRange.trim() !== etag ? { kind: 'full' as const } : answerRange(range, file.size);
    if (answer.kind === 'unsatisfiable') {
      throw new ApiError(
        HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE,
        `The range is outside the file (${file.size} bytes)`,
        [{ field: 'range', problem: `must start before byte ${file.size}` }],
        { 'Content-Range': `bytes */${file.size}` },
        'range_not_satisfiable',
      );
    }
    const partial = answer.kind === 'partial' ? answer : null;
    response.status(partial ? HttpStatus.PARTIAL_CONTENT : HttpStatus.OK);
    response.setHeader('Content-Type', file.contentType);
    response.setHeader(
      'Content-Disposition',
      contentDisposition(SHOWN_INLINE.has(file.contentType) ? 'inline' : 'attachment', file.name),
    );
    response.setHeader('Content-Length', String(partial ? partial.end - partial.start + 1 : file.size));
    response.setHeader('Accept-Ranges', 'bytes');
    response.setHeader('ETag', etag);
    // Who may read it depends on its owner, which may change: caches keep it to one person and ask again.
    response.setHeader('Cache-Control', 'private, no-cache');
    response.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
    if (partial) response.setHeader('Content-Range', `bytes ${partial.start}-${partial.end}/${file.size}`);
    if (response.req.method === 'HEAD' || (file.size === 0 && !partial)) {
      response.end();
      return;
    }
    try {
      await pipeline(this.storage.createReadStream(file.id, partial ?? undefined), response);
    } catch {
      // The client went away, or the store failed mid-way: the response is cut short (its length says so).
      response.destroy();
    }
  }
}
