import { createMongoAbility, subject } from '@casl/ability';
import type { Principal } from '@plenary/identity';

/** The error shape every 4xx and 5xx has (REST bodies and socket acks alike). */
export interface ErrorBody {
  statusCode: number;
  code: string;
  error: string;
  message: string;
  details: { field: string; problem: string }[];
}

/** A caller as guards and services see it, for unit specs. */
export function principal(
  id: string,
  role: Principal['role'] = 'member',
  status: Principal['status'] = 'active',
): Principal {
  return {
    id,
    role,
    status,
    email: `${id}@plenary.test`,
    displayName: id,
    createdAt: new Date('2026-01-01T00:00:00Z'),
    emailVerified: true,
  };
}

/**
 * Evaluates a MongoDB filter on one document in memory: $or/$and/$nor here, each field condition
 * with the matcher CASL itself uses (which does not take logical operators). For specs that check
 * that a list filter made from access rules agrees with the rules' single-document check.
 */
export function matchesFilter(filter: Record<string, unknown>, document: Record<string, unknown>): boolean {
  return Object.entries(filter).every(([key, value]) => {
    const parts = value as Record<string, unknown>[];
    if (key === '$or') return parts.some((part) => matchesFilter(part, document));
    if (key === '$and') return parts.every((part) => matchesFilter(part, document));
    if (key === '$nor') return !parts.some((part) => matchesFilter(part, document));
    return createMongoAbility([{ action: 'match', subject: 'Doc', conditions: { [key]: value } }]).can(
      'match',
      subject('Doc', { ...document }),
    );
  });
}
