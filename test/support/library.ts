import { expect } from '@jest/globals';
import type { TestApp } from './test-app.js';
import type { SignedIn } from './users.js';

export const API = '/api/v1';

export interface ItemBody {
  id: string;
  kind: 'resource' | 'initiative';
  status: string;
  version: number;
  publishedVersion: number | null;
  publishedAt: string | null;
  groupId: string | null;
  title: string;
  reviewers: { id: string; displayName: string; dueAt: string; reviewed: boolean }[] | null;
  viewer: { author: boolean; canEdit: boolean; canDecide: boolean; reviewer: boolean };
  [field: string]: unknown;
}

export interface ReviewBody {
  id: string;
  version: number;
  reviewerLabel: string;
  reviewer: { id: string | null; displayName: string } | null;
  scores: Record<string, number>;
  commentToAuthor: string;
  noteToEditors: string | null;
}

export const SCORES = { relevance: 5, accuracy: 4, currency: 4, principles: 5, clarity: 3 };

let counter = 0;

/** A valid resource body; `overrides` replace fields. */
export function resourceBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  counter += 1;
  return {
    type: 'report',
    title: `Remittance corridors report ${counter}`,
    abstract: 'How remittances travel between corridors, and what they cost.',
    authors: ['A. Diallo'],
    organisations: ['Migration Research Institute'],
    year: 2024,
    languages: ['en'],
    countries: ['SN'],
    regions: ['africa'],
    objectives: [20],
    principles: ['people-centred'],
    tags: ['remittances'],
    link: 'https://example.org/report.pdf',
    licence: 'CC BY 4.0',
    ...overrides,
  };
}

export function initiativeBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  counter += 1;
  return {
    title: `Pathways for skills ${counter}`,
    summary: 'A skills partnership between two countries.',
    leadOrganisation: 'Skills Partnership Office',
    partnerOrganisations: ['Ministry of Labour'],
    countries: ['MA', 'ES'],
    regions: ['africa', 'europe'],
    objectives: [18],
    period: { start: '2023-01-01' },
    stage: 'ongoing',
    results: '300 apprentices trained',
    links: ['https://example.org/skills'],
    languages: ['fr', 'es'],
    tags: ['skills'],
    ...overrides,
  };
}

export async function grant(
  app: TestApp,
  admin: SignedIn,
  member: SignedIn,
  capabilities: string[],
  groupId?: string,
): Promise<void> {
  await app.http
    .put(`${API}/users/${member.id}/capabilities`)
    .set(admin.auth)
    .send({ capabilities, ...(groupId ? { groupId } : {}) })
    .expect(200);
}

export async function setOrganisation(app: TestApp, member: SignedIn, organisation: string, objectives?: number[]) {
  await app.http
    .patch(`${API}/members/me`)
    .set(member.auth)
    .send({ organisation, ...(objectives ? { objectives } : {}) })
    .expect(200);
}

export async function create(
  app: TestApp,
  author: SignedIn,
  body: Record<string, unknown> = resourceBody(),
  path = 'resources',
): Promise<ItemBody> {
  const response = await app.http.post(`${API}/${path}`).set(author.auth).send(body);
  expect(response.status).toBe(201);
  return response.body as ItemBody;
}

/** Drives an item through the whole review: submitted, two reviewers, two reviews, published. */
export async function publish(
  app: TestApp,
  roles: { author: SignedIn; editor: SignedIn; reviewers: [SignedIn, SignedIn] },
  body: Record<string, unknown> = resourceBody(),
  path = 'resources',
): Promise<ItemBody> {
  const item = await create(app, roles.author, body, path);
  const url = `${API}/${path}/${item.id}`;
  await app.http.post(`${url}/submit`).set(roles.author.auth).expect(200);
  await app.http
    .post(`${url}/reviewers`)
    .set(roles.editor.auth)
    .send({ userIds: roles.reviewers.map((reviewer) => reviewer.id) })
    .expect(200);
  for (const reviewer of roles.reviewers) {
    await app.http
      .post(`${url}/reviews`)
      .set(reviewer.auth)
      .send({ scores: SCORES, commentToAuthor: 'Sound and useful.' })
      .expect(201);
  }
  const decided = await app.http
    .post(`${url}/decision`)
    .set(roles.editor.auth)
    .send({ decision: 'publish', reason: 'Two positive reviews' });
  expect(decided.status).toBe(200);
  return decided.body as ItemBody;
}
