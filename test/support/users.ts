import { randomBytes } from 'node:crypto';
import type { TestApp } from './test-app.js';
import { ADMIN } from './test-app.js';

export interface SignedIn {
  id: string;
  email: string;
  password: string;
  displayName: string;
  role: string;
  accessToken: string;
  refreshToken: string;
  auth: { Authorization: string };
}

let counter = 0;

export function newMember(overrides: Partial<{ email: string; password: string; displayName: string }> = {}) {
  counter += 1;
  return {
    email: `member${counter}-${randomBytes(3).toString('hex')}@plenary.test`,
    password: 'Correct-horse-9',
    displayName: `Member ${counter}`,
    ...overrides,
  };
}

function signedIn(
  body: { user: { id: string; role: string }; accessToken: string; refreshToken: string },
  credentials: { email: string; password: string; displayName: string },
): SignedIn {
  return {
    ...credentials,
    id: body.user.id,
    role: body.user.role,
    accessToken: body.accessToken,
    refreshToken: body.refreshToken,
    auth: { Authorization: `Bearer ${body.accessToken}` },
  };
}

export async function register(app: TestApp, overrides: Parameters<typeof newMember>[0] = {}): Promise<SignedIn> {
  const member = newMember(overrides);
  const response = await app.http.post('/api/v1/auth/register').send(member).expect(201);
  return signedIn(response.body, member);
}

export async function login(
  app: TestApp,
  credentials: { email: string; password: string; displayName?: string },
): Promise<SignedIn> {
  const response = await app.http
    .post('/api/v1/auth/login')
    .send({ email: credentials.email, password: credentials.password })
    .expect(200);
  return signedIn(response.body, { displayName: response.body.user.displayName, ...credentials });
}

export function loginAdmin(app: TestApp): Promise<SignedIn> {
  return login(app, ADMIN);
}

/** A member promoted to a platform role by the seeded admin. */
export async function registerWithRole(app: TestApp, role: 'moderator' | 'admin'): Promise<SignedIn> {
  const admin = await loginAdmin(app);
  const member = await register(app);
  await app.http.patch(`/api/v1/users/${member.id}`).set(admin.auth).send({ role }).expect(200);
  return login(app, member);
}
