import { type ArgumentMetadata, Injectable, type PipeTransform } from '@nestjs/common';
import { ApiError } from '../errors/api-error.js';

const OBJECT_ID = /^[a-f0-9]{24}$/i;

export function isObjectId(value: unknown): value is string {
  return typeof value === 'string' && OBJECT_ID.test(value);
}

/** Route parameters that name a document: a 24-hex id, or 400 naming the parameter. */
@Injectable()
export class ObjectIdPipe implements PipeTransform<string, string> {
  transform(value: string, metadata: ArgumentMetadata): string {
    if (!isObjectId(value)) throw ApiError.invalidField(metadata.data ?? 'id', 'must be a 24-character hex id');
    return value.toLowerCase();
  }
}
