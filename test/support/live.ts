import { randomUUID } from 'node:crypto';
import { expect } from '@jest/globals';
import { io, type Socket } from 'socket.io-client';
import { type Ack, API, nextEvent } from './forum.js';
import type { TestApp } from './test-app.js';
import type { SignedIn } from './users.js';

export interface QuestionBody {
  id: string;
  text: string;
  state: string;
  votes: number;
  highlighted: boolean;
  answer: string | null;
  author: { id: string; displayName: string } | null;
  pseudonym?: string;
  mine: boolean;
}

export interface LiveSessionBody {
  id: string;
  code: string;
  qa: Record<string, unknown>;
}

export const QA = {
  open: true,
  anonymousAllowed: true,
  guestsAllowed: true,
  preModeration: false,
  maxLength: 500,
  perAttendeeLimit: 100,
};

const HOUR = 3_600_000;

/** A session of `host`, started, with the Q&A settings given. */
export async function liveSession(app: TestApp, host: SignedIn, qa: Partial<typeof QA> = {}): Promise<LiveSessionBody> {
  const created = await app.http
    .post(`${API}/live/sessions`)
    .set(host.auth)
    .send({
      title: 'Q&A session',
      startsAt: new Date(Date.now() + HOUR).toISOString(),
      endsAt: new Date(Date.now() + 2 * HOUR).toISOString(),
      timezone: 'UTC',
      format: 'online',
      qa: { ...QA, ...qa },
    });
  expect(created.status).toBe(201);
  const session = created.body as LiveSessionBody;
  expect((await app.http.post(`${API}/live/sessions/${session.id}/start`).set(host.auth)).status).toBe(200);
  return session;
}

export async function guestToken(app: TestApp, code: string, displayName = 'Guest'): Promise<string> {
  const joined = await app.http.post(`${API}/live/join`).send({ code, displayName });
  expect(joined.status).toBe(200);
  return (joined.body as { token: string }).token;
}

export const liveSockets: Socket[] = [];

export function closeLiveSockets(): void {
  for (const socket of liveSockets.splice(0)) socket.disconnect();
}

/** A socket on /live with a member's or a guest's token, connected. */
export async function liveSocket(
  app: Pick<TestApp, 'url'>,
  who: SignedIn | string,
  options: Record<string, unknown> = {},
): Promise<Socket> {
  const token = typeof who === 'string' ? who : who.accessToken;
  const socket = io(`${app.url}/live`, {
    auth: { token },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    ...options,
  });
  liveSockets.push(socket);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return socket;
}

export function ack<T = unknown>(socket: Socket, event: string, payload: unknown): Promise<Ack<T>> {
  return socket.timeout(5_000).emitWithAck(event, payload) as Promise<Ack<T>>;
}

export async function joined(socket: Socket, sessionId: string) {
  const answer = await ack<{ questions: QuestionBody[]; myVotes: string[]; role: string; attendees: number }>(
    socket,
    'session:join',
    { sessionId },
  );
  if (!answer.ok) throw new Error(`session:join refused: ${JSON.stringify(answer.error)}`);
  return answer.data;
}

export async function asked(socket: Socket, sessionId: string, text: string, extra: Record<string, unknown> = {}) {
  const answer = await ack<QuestionBody>(socket, 'question:ask', { sessionId, text, clientId: randomUUID(), ...extra });
  if (!answer.ok) throw new Error(`question:ask refused: ${JSON.stringify(answer.error)}`);
  return answer.data;
}

/**
 * Resolves with the next votes batch in which the question has the count. The wait is long: this
 * checks the count, not how soon it comes (a loaded CI machine once took over 5 s).
 */
export function votesReach(socket: Socket, questionId: string, count: number, timeoutMs = 15_000) {
  return nextEvent<{ counts: Record<string, number> }>(
    socket,
    'questions:votes',
    timeoutMs,
    (batch) => batch.counts[questionId] === count,
  );
}
