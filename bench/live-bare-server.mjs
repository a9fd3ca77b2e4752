// The bare Socket.IO server bench/live.mjs measures Plenary against: the same socket.io package, namespace /live, no
// authentication, no database, no validation; one broadcast per event, nothing coalesced. Forked by bench/live.mjs
// (it sends { port } over IPC once listening, and exits when the IPC channel closes).
//
//   session:join {sessionId}      joins the session's room, acks a small snapshot
//   question:ask {sessionId, text, anonymous, language, clientId}
//                                 broadcasts question:created {question} to the room, acks {ok, data: question}
//   question:vote {questionId}    counts the vote, broadcasts questions:votes {counts: {questionId: count}} to the
//                                 room, acks {ok, data: {questionId, votes}}
//
// With BARE_VOTE_BATCHES=n (per second), votes are coalesced instead, as Plenary's contract says it does: n times a
// second at most, one questions:votes per room with the counts that changed.
//
// Environment: BARE_REDIS_URL (link the instances with @socket.io/redis-streams-adapter on the stream BARE_STREAM),
// BARE_INSTANCE (its number), BARE_RECOVERY=1 (connection-state recovery as Plenary configures it). Votes are
// counted by each instance alone: with several, questions:votes says which instance counted (`from`), and the
// bench adds the instances' counts up.
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { Server } from 'socket.io';

process.on('disconnect', () => process.exit(0));

const instance = Number(process.env.BARE_INSTANCE ?? 0);
const linked = Boolean(process.env.BARE_REDIS_URL);
let adapter;
if (linked) {
  const { createClient } = await import('redis');
  const { createAdapter } = await import('@socket.io/redis-streams-adapter');
  const client = createClient({ url: process.env.BARE_REDIS_URL });
  client.on('error', (error) => console.error(`redis: ${error.message}`));
  await client.connect();
  const stream = process.env.BARE_STREAM || `bench-live-bare-${process.ppid}`;
  adapter = createAdapter(client, { streamName: stream, channelPrefix: stream });
}

const http = createServer();
const io = new Server(http, {
  serveClient: false,
  ...(adapter ? { adapter } : {}),
  ...(process.env.BARE_RECOVERY === '1'
    ? { connectionStateRecovery: { maxDisconnectionDuration: 2 * 60 * 1000, skipMiddlewares: false } }
    : {}),
});
const live = io.of('/live');
const votes = new Map();
const idPrefix = randomBytes(8).toString('hex');
let questions = 0;
const room = (sessionId) => `live:${sessionId}`;
const batches = Number(process.env.BARE_VOTE_BATCHES) || 0;
const changed = new Map(); // room -> the question ids whose count changed since the last batch
const sendVotes = (to, ids) => {
  const counts = Object.fromEntries([...ids].map((id) => [id, votes.get(id)]));
  live.to(to).emit('questions:votes', { counts, ...(linked ? { from: instance } : {}) });
};
if (batches > 0) {
  setInterval(() => {
    for (const [to, ids] of changed) sendVotes(to, ids);
    changed.clear();
  }, 1000 / batches);
}

live.on('connection', (socket) => {
  socket.on('session:join', (payload, ack) => {
    const sessionId = String(payload?.sessionId);
    socket.data.sessionId = sessionId;
    socket.join(room(sessionId));
    ack?.({
      ok: true,
      data: {
        session: { id: sessionId, title: 'Bare session', status: 'live' },
        questions: [],
        myVotes: [],
        polls: [],
        attendees: live.sockets.size,
        role: 'attendee',
      },
    });
  });

  socket.on('question:ask', (payload, ack) => {
    const sessionId = socket.data.sessionId;
    if (sessionId === undefined) return ack?.({ ok: false, error: { code: 'not_joined', message: 'join first' } });
    const question = {
      id: `${idPrefix}${(questions++).toString(16).padStart(8, '0')}`,
      sessionId,
      text: String(payload?.text),
      anonymous: Boolean(payload?.anonymous),
      language: payload?.language ?? null,
      clientId: payload?.clientId ?? null,
      author: { displayName: 'Bare attendee' },
      status: 'visible',
      votes: 0,
      createdAt: new Date().toISOString(),
    };
    live.to(room(sessionId)).emit('question:created', { question });
    ack?.({ ok: true, data: question });
  });

  socket.on('question:vote', (payload, ack) => {
    const sessionId = socket.data.sessionId;
    if (sessionId === undefined) return ack?.({ ok: false, error: { code: 'not_joined', message: 'join first' } });
    const questionId = String(payload?.questionId);
    const count = (votes.get(questionId) ?? 0) + 1;
    votes.set(questionId, count);
    if (batches > 0) {
      if (!changed.has(room(sessionId))) changed.set(room(sessionId), new Set());
      changed.get(room(sessionId)).add(questionId);
    } else sendVotes(room(sessionId), [questionId]);
    ack?.({ ok: true, data: { questionId, votes: count } });
  });
});

http.listen(0, '127.0.0.1', () => process.send?.({ port: http.address().port }));
