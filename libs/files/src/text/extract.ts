import mammoth from 'mammoth';
import { extractText, getDocumentProxy } from 'unpdf';
import type { AllowedType } from '../types/allowed-types.js';

/** Characters of text kept per file: plenty for search, and a bound on the record. */
export const MAX_TEXT_CHARACTERS = 1_000_000;
/** A DOCX inflates its parts in memory: refuse to read one whose parts add up to more than this. */
const MAX_DOCX_INFLATED_BYTES = 200 * 1024 * 1024;

/** The text of a PDF (every page, via pdf.js in unpdf) or a DOCX (via mammoth), whitespace collapsed and capped. */
export async function extractTextOf(type: AllowedType, bytes: Buffer): Promise<string> {
  const raw = type === 'pdf' ? await pdfText(bytes) : type === 'docx' ? await docxText(bytes) : '';
  return tidy(raw);
}

async function pdfText(bytes: Buffer): Promise<string> {
  // A copy: pdf.js takes the buffer over (detaches it).
  const document = await getDocumentProxy(new Uint8Array(bytes));
  try {
    const { text } = await extractText(document, { mergePages: true });
    return text;
  } finally {
    await document.loadingTask.destroy();
  }
}

async function docxText(bytes: Buffer): Promise<string> {
  const inflated = declaredZipSize(bytes);
  if (inflated === null || inflated > MAX_DOCX_INFLATED_BYTES) {
    throw new Error(`the DOCX would inflate to ${inflated ?? 'an unknown size of'} bytes`);
  }
  const result = await mammoth.extractRawText({ buffer: bytes });
  return result.value;
}

function tidy(text: string): string {
  const collapsed = text
    .replace(/[^\S\n]+/g, ' ')
    .replace(/ ?\n[\s]*/g, '\n')
    .trim();
  return collapsed.length <= MAX_TEXT_CHARACTERS ? collapsed : collapsed.slice(0, MAX_TEXT_CHARACTERS);
}

/**
 * The uncompressed size a ZIP declares for its entries (central directory), or null when it has
 * no readable directory: a guard against a small DOCX that would inflate to gigabytes.
 */
export function declaredZipSize(bytes: Buffer): number | null {
  // End of central directory: signature 0x06054b50, at least 22 bytes from the end (a comment may follow).
  const from = Math.max(0, bytes.length - 22 - 0xffff);
  let end = -1;
  for (let index = bytes.length - 22; index >= from; index -= 1) {
    if (bytes.readUInt32LE(index) === 0x06054b50) {
      end = index;
      break;
    }
  }
  if (end === -1) return null;
  const entries = bytes.readUInt16LE(end + 10);
  let offset = bytes.readUInt32LE(end + 16);
  let total = 0;
  for (let entry = 0; entry < entries; entry += 1) {
    if (offset + 46 > bytes.length || bytes.readUInt32LE(offset) !== 0x02014b50) return null;
    const uncompressed = bytes.readUInt32LE(offset + 24);
    // ZIP64 (0xffffffff) sizes are bigger than any DOCX we read.
    if (uncompressed === 0xffffffff) return null;
    total += uncompressed;
    offset += 46 + bytes.readUInt16LE(offset + 28) + bytes.readUInt16LE(offset + 30) + bytes.readUInt16LE(offset + 32);
  }
  return total;
}
