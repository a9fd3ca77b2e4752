import type { ErrorDetail } from '../errors/api-error.js';

/** Deeper than any DTO nests; far below what would overflow the stack in class-transformer. */
export const MAX_INPUT_DEPTH = 32;
export const MAX_ARRAY_ITEMS = 1_000;
/** C0 controls but tab, line feed and carriage return, and DEL: matching them is the point here. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0001-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/**
 * The first problem of a raw input (a body, a query, a socket payload) that no DTO could accept
 * and that must not reach the validators or the database: nesting deeper than MAX_INPUT_DEPTH,
 * an array longer than MAX_ARRAY_ITEMS, a string with a NUL character (databases refuse or
 * truncate it) or another control character but tab and line breaks (no text needs them, and
 * they hide content from people), or with a lone UTF-16 surrogate (not text; validators choke on
 * it). The walk is iterative, so a hostile input cannot exhaust the stack here either.
 */
export function inputProblem(input: unknown, rootField: string): ErrorDetail | undefined {
  const pending: { value: unknown; field: string; depth: number }[] = [{ value: input, field: rootField, depth: 0 }];
  while (pending.length > 0) {
    const { value, field, depth } = pending.pop()!;
    if (typeof value === 'string') {
      if (value.includes('\u0000')) return { field: field || 'body', problem: 'must not contain NUL characters' };
      if (CONTROL.test(value)) return { field: field || 'body', problem: 'must not contain control characters' };
      if (!value.isWellFormed()) return { field: field || 'body', problem: 'must be valid Unicode text' };
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= MAX_INPUT_DEPTH) {
      return { field: topField(field) || 'body', problem: `is nested too deeply (over ${MAX_INPUT_DEPTH} levels)` };
    }
    if (Array.isArray(value)) {
      if (value.length > MAX_ARRAY_ITEMS) {
        return { field: field || 'body', problem: `must not have more than ${MAX_ARRAY_ITEMS} items` };
      }
      value.forEach((item, index) => pending.push({ value: item, field: `${field}[${index}]`, depth: depth + 1 }));
      continue;
    }
    for (const [key, item] of Object.entries(value)) {
      const keyProblem = inputProblem(key, field ? `${field}.${key}` : key);
      if (keyProblem) return keyProblem;
      pending.push({ value: item, field: field ? `${field}.${key}` : key, depth: depth + 1 });
    }
  }
  return undefined;
}

/** `answer.a.b[3].c` → `answer`: a nesting problem is reported on the field that was sent. */
function topField(field: string): string {
  return /^[^.[]*/.exec(field)?.[0] ?? field;
}
