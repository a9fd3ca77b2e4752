/** The API's base path, its one error shape, and how a failed answer becomes an ApiError. */
export const API = '/api/v1';

/** One field the server refused, and why (the API's `details`). */
export interface FieldProblem {
  field: string;
  problem: string;
}

/** The API's one error shape, thrown for every 4xx and 5xx (and for a network failure, with status 0). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: FieldProblem[] = [],
  ) {
    super(message);
  }

  /** What the server said about one field, for the form to show next to it. */
  problemWith(field: string): string | undefined {
    return this.details.find((detail) => detail.field === field)?.problem;
  }
}

export function errorOf(status: number, body: unknown): ApiError {
  const shaped = (body ?? {}) as { code?: string; message?: string | string[]; details?: FieldProblem[] };
  const message = Array.isArray(shaped.message) ? shaped.message.join('; ') : shaped.message;
  return new ApiError(status, shaped.code ?? 'unknown', message ?? `Request failed (${status})`, shaped.details ?? []);
}
