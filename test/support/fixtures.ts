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
  };
}
