import { HttpStatus } from '@nestjs/common';
import { ApiError } from '@plenary/core';
import { fileTypeFromBuffer } from 'file-type';

/** The types an upload may have, by what its bytes are, with the extensions a name of that type ends in. */
export const ALLOWED_TYPES = {
  pdf: { contentType: 'application/pdf', extensions: ['pdf'], label: 'PDF' },
  docx: {
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    extensions: ['docx'],
    label: 'DOCX',
  },
  xlsx: {
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    extensions: ['xlsx'],
    label: 'XLSX',
  },
  pptx: {
    contentType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    extensions: ['pptx'],
    label: 'PPTX',
  },
  odt: { contentType: 'application/vnd.oasis.opendocument.text', extensions: ['odt'], label: 'ODT' },
  csv: { contentType: 'text/csv', extensions: ['csv'], label: 'CSV' },
  png: { contentType: 'image/png', extensions: ['png'], label: 'PNG' },
  jpg: { contentType: 'image/jpeg', extensions: ['jpg', 'jpeg'], label: 'JPEG' },
  webp: { contentType: 'image/webp', extensions: ['webp'], label: 'WebP' },
} as const;

export type AllowedType = keyof typeof ALLOWED_TYPES;

const ALLOWED_LIST = Object.values(ALLOWED_TYPES)
  .map((type) => type.label)
  .join(', ');

/** How many leading bytes the type is decided on (enough for an Office file's `[Content_Types].xml`). */
export const SNIFF_BYTES = 256 * 1024;

/** The types whose text is extracted for search. */
export const TEXT_TYPES: readonly AllowedType[] = ['pdf', 'docx'];

export function contentTypeOf(type: AllowedType): string {
  return ALLOWED_TYPES[type].contentType;
}

export function typeOfContentType(contentType: string): AllowedType | undefined {
  return (Object.keys(ALLOWED_TYPES) as AllowedType[]).find((type) => ALLOWED_TYPES[type].contentType === contentType);
}

function refused(problem: string): ApiError {
  return new ApiError(HttpStatus.UNSUPPORTED_MEDIA_TYPE, `The file ${problem}`, [{ field: 'file', problem }]);
}

/**
 * The type of an upload from its first bytes (`head`, SNIFF_BYTES or the whole file), never from
 * the client's name or Content-Type: file-type's signatures, then CSV, which has none: text is
 * taken for CSV only when the name ends in `.csv` (CsvCheck then reads all of it). Anything
 * else is a 415 naming `file`.
 */
export async function sniffType(head: Uint8Array, name: string): Promise<AllowedType> {
  const detected = await fileTypeFromBuffer(head);
  if (detected) {
    const type = (Object.keys(ALLOWED_TYPES) as AllowedType[]).find(
      (allowed) => ALLOWED_TYPES[allowed].contentType === detected.mime,
    );
    if (type) return type;
    throw refused(`is ${detected.mime} (.${detected.ext}); allowed: ${ALLOWED_LIST}`);
  }
  if (/\.csv$/i.test(name)) return 'csv';
  throw refused(`is of no type allowed: ${ALLOWED_LIST} (CSV when its name ends in .csv)`);
}

/**
 * The name a file is stored and served under: the client's base name without control characters
 * and path separators, at most 200 characters, and ending in an extension of its sniffed type
 * (appended when it does not), so that a saved download opens as what it is.
 */
export function storedName(clientName: string, type: AllowedType): string {
  const base =
    clientName
      .split(/[/\\]/)
      .pop()
      ?.replace(/[\p{Cc}\p{Cf}"<>|:*?]/gu, '')
      .replace(/\s+/g, ' ')
      .trim()
      .replace(/^\.+/, '') ?? '';
  const { extensions } = ALLOWED_TYPES[type];
  const extension = /\.([^.]+)$/.exec(base)?.[1]?.toLowerCase();
  const withType =
    extension && (extensions as readonly string[]).includes(extension) ? base : `${base || 'file'}.${extensions[0]}`;
  if (withType.length <= 200) return withType;
  const suffix = `.${extensions[0]}`;
  return `${withType.slice(0, 200 - suffix.length).trimEnd()}${suffix}`;
}

/**
 * Reads an upload claimed to be CSV as it streams and says what is wrong, if anything: it must be
 * UTF-8 text (a BOM allowed) without control characters other than tab, CR and LF, its quotes
 * balanced as RFC 4180 has them, and every non-empty record must have as many fields as the
 * first (the separator is the first record's most frequent of `,` `;` and tab).
 */
export class CsvCheck {
  private readonly decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
  private separator: string | null = null;
  private pending = '';
  private inQuotes = false;
  /** A quote just closed a quoted field (or is the first of an escaped pair). */
  private afterQuote = false;
  private fields = 1;
  private recordHasContent = false;
  private expectedFields: number | null = null;
  private records = 0;
  /** The character before the one being read ('' at the start). */
  private previous = '';
  private problem: string | null = null;

  /** Feeds the next bytes; returns the problem found so far, if any. */
  feed(chunk: Uint8Array): string | null {
    if (this.problem) return this.problem;
    let text: string;
    try {
      text = this.decoder.decode(chunk, { stream: true });
    } catch {
      return (this.problem = 'is not UTF-8 text, as a CSV file must be');
    }
    this.scan(text);
    return this.problem;
  }

  /** Ends the check; returns the problem, if any. */
  end(): string | null {
    if (this.problem) return this.problem;
    try {
      this.scan(this.decoder.decode());
    } catch {
      return (this.problem = 'is not UTF-8 text, as a CSV file must be');
    }
    if (this.problem) return this.problem;
    if (this.separator === null) this.chooseSeparator(this.pending);
    this.scanCharacters(this.pending);
    this.pending = '';
    if (this.inQuotes && !this.afterQuote) return (this.problem = 'has a quoted field that is never closed');
    this.endRecord();
    if (this.records === 0 && !this.problem) this.problem = 'has no records';
    return this.problem;
  }

  private scan(text: string): void {
    if (this.problem) return;
    if (this.separator === null) {
      // The separator is chosen on the first record, so hold the text until it is complete.
      this.pending += text;
      const newline = this.pending.search(/[\r\n]/);
      if (newline === -1 && this.pending.length < 1_000_000) return;
      this.chooseSeparator(this.pending.slice(0, newline === -1 ? undefined : newline));
      text = this.pending;
      this.pending = '';
    }
    this.scanCharacters(text);
  }

  private chooseSeparator(firstLine: string): void {
    const count = (character: string) => firstLine.split(character).length - 1;
    const candidates = [',', ';', '\t'].map((character) => ({ character, count: count(character) }));
    candidates.sort((a, b) => b.count - a.count);
    this.separator = candidates[0].count > 0 ? candidates[0].character : ',';
  }

  private scanCharacters(text: string): void {
    for (const character of text) {
      this.step(character);
      this.previous = character;
      if (this.problem) return;
    }
  }

  private step(character: string): void {
    const code = character.charCodeAt(0);
    if (code < 0x20 && character !== '\t' && character !== '\r' && character !== '\n') {
      this.problem = 'contains control characters, so it is not a CSV file';
      return;
    }
    if (this.inQuotes) {
      if (!this.afterQuote) {
        if (character === '"') this.afterQuote = true;
        return;
      }
      this.afterQuote = false;
      if (character === '"') return; // an escaped quote
      // The field's closing quote: what follows must end the field.
      this.inQuotes = false;
      if (character !== this.separator && character !== '\r' && character !== '\n') {
        this.problem = 'has characters after a closing quote, so it does not parse as CSV';
        return;
      }
    }
    const atFieldStart =
      this.previous === '' || this.previous === this.separator || this.previous === '\n' || this.previous === '\r';
    if (character === '"' && atFieldStart) {
      this.inQuotes = true;
      this.recordHasContent = true;
    } else if (character === this.separator) {
      this.fields += 1;
      this.recordHasContent = true;
    } else if (character === '\n' || character === '\r') {
      this.endRecord();
    } else {
      this.recordHasContent = true;
    }
  }

  private endRecord(): void {
    if (this.recordHasContent) {
      this.records += 1;
      if (this.expectedFields === null) this.expectedFields = this.fields;
      else if (this.fields !== this.expectedFields) {
        this.problem = `has a record of ${this.fields} fields after records of ${this.expectedFields}, so it does not parse as CSV`;
      }
    }
    this.fields = 1;
    this.recordHasContent = false;
  }
}
