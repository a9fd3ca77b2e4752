// A load-generating process of bench/live.mjs (forked by it, driven over IPC): it hosts a share of the attendees,
// lightweight ones (a WebSocket speaking Engine.IO v4 / Socket.IO v5 itself, counting messages and reading the send
// time out of question:created without parsing the rest) and a few full socket.io-client ones, which run the real
// flow and ask the questions. It exits when the IPC channel closes.
//
// Messages from the coordinator: init {config}, connect {concurrency}, run {start, windowStart, windowEnd}, poll,
// finish. To it: ready, connected {times, failures, emfile}, asked {seq, sentAt, ok, id, code, message, ackMs},
// progress {created, votes, votesOk, ownReceived, pendingVotes, pendingAsks}, result {…}.
import { randomUUID } from 'node:crypto';
import { io } from 'socket.io-client';
import WebSocket from 'ws';
import { Histogram, parseQuestionText, questionText, schedule, wallNow } from './live-common.mjs';

process.on('disconnect', () => process.exit(0));

const NSP = '/live';
const CREATED = Buffer.from(`42${NSP},["question:created"`);
const VOTES = Buffer.from(`42${NSP},["questions:votes"`);
const PRESENCE = Buffer.from(`42${NSP},["presence"`);
const MARK = Buffer.from('bench q ');
const EVENT_NAME_START = `42${NSP},["`.length;
const ACK_ID_START = `43${NSP},`.length;
const PAYLOAD_START = `42${NSP},`.length;
const RECENT = 5; // votes go to the last RECENT questions a worker has seen, older ones once their voters run out

let config; // from init
let run; // from run
const state = {
  events: 0, // every server event received by this process's attendees (not acks)
  created: 0,
  votes: 0,
  presence: 0,
  others: new Map(), // other events by name
  unparsed: 0, // question:created without our text in it
  createdCount: null, // by question seq: deliveries
  createdMax: null, // by question seq: the largest latency among this process's attendees
  delivery: new Histogram(), // question:created latency, questions sent in the window, every attendee
  deliveryFull: new Histogram(), // the same, socket.io-client attendees only
  ownReceived: 0, // question:created received by the attendee that asked it
  votesSent: 0,
  votesOk: 0,
  votesSkipped: 0, // due while no question was known, or every attendee here had voted on the recent ones
  pendingVotes: 0,
  pendingAsks: 0,
  voteAck: new Histogram(),
  votesByQuestion: new Map(), // question id -> acked votes cast here
  errors: new Map(), // "event code" -> count
  disconnects: new Map(), // reason -> count, once connected and before finish
  closing: false,
  snapshots: {},
  rssMax: 0,
};
const known = new Map(); // question id -> { id, seq, used, offset }
const recent = []; // the latest questions known here, oldest first
let clients = [];
let voters = []; // connected lightweight attendees
const fullByNumber = new Map(); // full client number (0 … fullCount - 1) -> client, for those hosted here
const stops = [];

const countError = (event, code) => {
  const key = `${event} ${code ?? 'unknown'}`;
  state.errors.set(key, (state.errors.get(key) ?? 0) + 1);
};
const countDisconnect = (reason) => {
  if (state.closing) return;
  state.disconnects.set(reason, (state.disconnects.get(reason) ?? 0) + 1);
};

function learnQuestion(id, seq) {
  if (typeof id !== 'string' || known.has(id)) return;
  const entry = { id, seq, used: 0, offset: (seq * 7919) % Math.max(1, voters.length) };
  known.set(id, entry);
  recent.push(entry);
  if (recent.length > 50) recent.shift();
}

function recordCreated(seq, sentAt, receivedAt, full) {
  const latency = receivedAt - sentAt;
  if (seq < state.createdCount.length) {
    state.createdCount[seq]++;
    if (latency > state.createdMax[seq]) state.createdMax[seq] = latency;
  }
  if (run && sentAt >= run.windowStart && sentAt < run.windowEnd) {
    state.delivery.add(latency);
    if (full) state.deliveryFull.add(latency);
  }
}

/** "bench q <seq> t=<ms>" read straight from the packet's bytes: [seq, sentAt], or null. */
function readQuestionMark(data) {
  let i = data.indexOf(MARK);
  if (i < 0) return null;
  i += MARK.length;
  let seq = 0;
  for (let c = data[i]; c >= 48 && c <= 57; c = data[++i]) seq = seq * 10 + c - 48;
  if (data[i] !== 32 || data[i + 1] !== 116 || data[i + 2] !== 61) return null; // " t="
  i += 3;
  let ms = 0;
  for (let c = data[i]; c >= 48 && c <= 57; c = data[++i]) ms = ms * 10 + c - 48;
  if (data[i] === 46) {
    let scale = 0.1;
    for (let c = data[++i]; c >= 48 && c <= 57; c = data[++i], scale /= 10) ms += (c - 48) * scale;
  }
  return [seq, ms];
}

const startsWith = (data, head) =>
  data.length >= head.length && data.compare(head, 0, head.length, 0, head.length) === 0;

/** The last count per question seen in questions:votes, per counting instance (the bare servers' `from`). */
function noteVoteCounts(map, body) {
  const counts = body?.counts;
  if (!counts || typeof counts !== 'object') return;
  for (const [id, count] of Object.entries(counts)) {
    const key = body.from === undefined ? id : `${id}@${body.from}`;
    if (!(map.get(key) >= count)) map.set(key, count);
  }
}

/** A WebSocket that speaks just enough Engine.IO v4 / Socket.IO v5 for the namespace /live. */
class LightClient {
  constructor(spec) {
    Object.assign(this, spec);
    this.nextId = 0;
    this.pending = new Map(); // ack id -> callback
    this.voteCounts = spec.sample ? new Map() : null;
    this.joined = false;
  }

  connect(timeoutMs) {
    return new Promise((resolve, reject) => {
      let settled = false;
      const settle = (error) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (error) {
          this.ws.terminate();
          reject(error);
        } else resolve();
      };
      const timer = setTimeout(() => settle(new Error(`no session:join ack within ${timeoutMs / 1000} s`)), timeoutMs);
      this.settle = settle;
      this.ws = new WebSocket(`ws://127.0.0.1:${this.port}/socket.io/?EIO=4&transport=websocket`, {
        perMessageDeflate: false,
        skipUTF8Validation: true,
        handshakeTimeout: timeoutMs,
      });
      this.ws.on('message', (data) => {
        try {
          this.onMessage(data);
        } catch (error) {
          // a packet unlike the contract's: counted, the attendee carries on
          countError('unreadable packet', error.name);
        }
      });
      this.ws.on('error', (error) => settle(error));
      this.ws.on('close', (code) => {
        if (!settled) settle(new Error(`WebSocket closed (${code}) before session:join was acked`));
        else if (this.joined) countDisconnect(`lightweight: WebSocket closed (${code})`);
        this.joined = false;
      });
    });
  }

  emit(event, payload, onAck) {
    const id = this.nextId++;
    this.pending.set(id, onAck);
    this.ws.send(`42${NSP},${id}${JSON.stringify([event, payload])}`);
  }

  onMessage(data) {
    const type = data[0];
    if (type === 52 /* 4: message */) {
      const kind = data[1];
      if (kind === 50 /* 2: event */) this.onEvent(data);
      else if (kind === 51 /* 3: ack */) this.onAck(data);
      else if (kind === 48 /* 0: namespace connected */) this.join();
      else if (kind === 52 /* 4: connect_error */) {
        const text = data.toString();
        let message = text;
        try {
          message = JSON.parse(text.slice(text.indexOf(',') + 1)).message ?? text;
        } catch {
          // not JSON: the packet as is
        }
        this.settle(new Error(`connect_error: ${message}`));
      } else if (kind === 49 /* 1: disconnected by the server */) {
        if (this.joined) countDisconnect('lightweight: namespace disconnect from the server');
        this.joined = false;
      }
    } else if (type === 50 /* 2: ping */) this.ws.send('3');
    else if (type === 48 /* 0: open */) this.ws.send(`40${NSP},${JSON.stringify({ token: this.token })}`);
  }

  join() {
    this.emit('session:join', { sessionId: config.sessionId }, (ack) => {
      if (ack?.ok) {
        this.joined = true;
        this.settle();
      } else {
        countError('session:join', ack?.error?.code);
        this.settle(
          new Error(`session:join: ${ack?.error?.code ?? '?'} ${ack?.error?.message ?? JSON.stringify(ack)}`),
        );
      }
    });
  }

  onAck(data) {
    const text = data.toString();
    let i = ACK_ID_START;
    let id = 0;
    for (let c = text.charCodeAt(i); c >= 48 && c <= 57; c = text.charCodeAt(++i)) id = id * 10 + c - 48;
    const callback = this.pending.get(id);
    if (!callback) return;
    this.pending.delete(id);
    let args;
    try {
      args = JSON.parse(text.slice(i));
    } catch {
      args = [];
    }
    callback(args[0]);
  }

  onEvent(data) {
    const receivedAt = wallNow();
    state.events++;
    if (startsWith(data, CREATED)) {
      state.created++;
      if (this.sample) {
        const question = JSON.parse(data.toString().slice(PAYLOAD_START))[1]?.question;
        const mark = parseQuestionText(question?.text);
        if (!mark) return void state.unparsed++;
        learnQuestion(question.id, mark.seq);
        recordCreated(mark.seq, mark.sentAt, receivedAt, false);
      } else {
        const mark = readQuestionMark(data);
        if (!mark) return void state.unparsed++;
        recordCreated(mark[0], mark[1], receivedAt, false);
      }
    } else if (startsWith(data, VOTES)) {
      state.votes++;
      if (this.sample) noteVoteCounts(this.voteCounts, JSON.parse(data.toString().slice(PAYLOAD_START))[1]);
    } else if (startsWith(data, PRESENCE)) {
      state.presence++;
    } else {
      const name = data.toString('latin1', EVENT_NAME_START, data.indexOf(34, EVENT_NAME_START));
      state.others.set(name, (state.others.get(name) ?? 0) + 1);
    }
  }

  vote(entry) {
    if (!this.joined || this.ws.readyState !== WebSocket.OPEN) return false;
    const sentAt = performance.now();
    state.votesSent++;
    state.pendingVotes++;
    this.emit('question:vote', { questionId: entry.id }, (ack) => {
      state.pendingVotes--;
      state.voteAck.add(performance.now() - sentAt);
      if (ack?.ok) {
        state.votesOk++;
        state.votesByQuestion.set(entry.id, (state.votesByQuestion.get(entry.id) ?? 0) + 1);
      } else countError('question:vote', ack?.error?.code);
    });
    return true;
  }

  close() {
    this.ws?.terminate();
  }
}

/** A socket.io-client attendee: the real client library, the real flow. */
class FullClient {
  constructor(spec) {
    Object.assign(this, spec);
    this.voteCounts = new Map();
    this.asked = new Set();
  }

  connect(timeoutMs) {
    return new Promise((resolve, reject) => {
      const socket = io(`http://127.0.0.1:${this.port}${NSP}`, {
        transports: ['websocket'],
        auth: { token: this.token },
        reconnection: false,
        forceNew: true,
        timeout: timeoutMs,
      });
      this.socket = socket;
      const fail = (error) => {
        socket.disconnect();
        reject(error);
      };
      socket.once('connect_error', (error) => fail(new Error(`connect_error: ${error.message}`)));
      socket.once('connect', () => {
        socket
          .timeout(timeoutMs)
          .emitWithAck('session:join', { sessionId: config.sessionId })
          .then((ack) => {
            if (ack?.ok) {
              this.joined = true;
              resolve();
            } else {
              countError('session:join', ack?.error?.code);
              fail(new Error(`session:join: ${ack?.error?.code ?? '?'} ${ack?.error?.message ?? JSON.stringify(ack)}`));
            }
          }, fail);
      });
      socket.on('disconnect', (reason) => {
        if (this.joined) countDisconnect(`socket.io-client: ${reason}`);
        this.joined = false;
      });
      socket.onAny((event, ...args) => {
        try {
          this.onEvent(event, args);
        } catch (error) {
          countError(`unreadable ${event}`, error.name);
        }
      });
    });
  }

  onEvent(event, args) {
    const receivedAt = wallNow();
    state.events++;
    if (event === 'question:created') {
      state.created++;
      const question = args[0]?.question;
      const mark = parseQuestionText(question?.text);
      if (!mark) return void state.unparsed++;
      learnQuestion(question.id, mark.seq);
      recordCreated(mark.seq, mark.sentAt, receivedAt, true);
      if (this.asked.has(mark.seq)) state.ownReceived++;
    } else if (event === 'questions:votes') {
      state.votes++;
      noteVoteCounts(this.voteCounts, args[0]);
    } else if (event === 'presence') state.presence++;
    else state.others.set(event, (state.others.get(event) ?? 0) + 1);
  }

  ask(seq) {
    const sentAt = wallNow();
    this.asked.add(seq);
    state.pendingAsks++;
    const report = (fields) => {
      state.pendingAsks--;
      process.send({ type: 'asked', seq, sentAt, ackMs: wallNow() - sentAt, ...fields });
    };
    if (!this.joined) return report({ ok: false, code: 'not_connected', message: 'the asker is disconnected' });
    this.socket
      .timeout(60_000)
      .emitWithAck('question:ask', {
        sessionId: config.sessionId,
        text: questionText(seq, sentAt),
        anonymous: false,
        language: 'en',
        clientId: randomUUID(),
      })
      .then(
        (ack) => {
          if (ack?.ok) learnQuestion(ack.data?.id, seq);
          report(
            ack?.ok
              ? { ok: true, id: ack.data?.id }
              : { ok: false, code: ack?.error?.code ?? 'bad_ack', message: ack?.error?.message ?? JSON.stringify(ack) },
          );
        },
        (error) => report({ ok: false, code: 'timeout', message: error.message }),
      );
  }

  close() {
    this.socket?.disconnect();
  }
}

async function connectAll(concurrency) {
  clients = config.clients.map((spec) => (spec.full ? new FullClient(spec) : new LightClient(spec)));
  const times = [];
  const failures = new Map();
  let emfile = false;
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, clients.length) }, async () => {
      while (next < clients.length) {
        const client = clients[next++];
        const started = performance.now();
        try {
          await client.connect(config.connectTimeoutMs);
          times.push(performance.now() - started);
        } catch (error) {
          if (error.code === 'EMFILE' || /EMFILE/.test(error.message)) emfile = true;
          const key = `${client.full ? 'socket.io-client' : 'lightweight'}: ${error.message}`;
          failures.set(key, (failures.get(key) ?? 0) + 1);
        }
      }
    }),
  );
  voters = clients.filter((client) => !client.full && client.joined);
  // Those that failed to connect too: their turns to ask are reported as not_connected.
  for (const client of clients) if (client.full) fullByNumber.set(client.fullNumber, client);
  return { times, failures, emfile, connected: clients.filter((client) => client.joined).length };
}

function castVote(i) {
  const window = Math.min(RECENT, recent.length);
  for (let a = 0; a < recent.length && voters.length > 0; a++) {
    const back = a < window ? (i + a) % window : a;
    const entry = recent[recent.length - 1 - back];
    while (entry.used < voters.length) {
      const voter = voters[(entry.offset + entry.used++) % voters.length];
      if (voter.vote(entry)) return;
    }
  }
  state.votesSkipped++;
}

function snapshot(name) {
  const cpu = process.cpuUsage();
  state.snapshots[name] = { at: wallNow(), events: state.events, cpuUs: cpu.user + cpu.system };
  state.rssMax = Math.max(state.rssMax, process.memoryUsage.rss());
}

function startRun(message) {
  run = message;
  const { start, windowStart, windowEnd } = run;
  const at = (time, action) =>
    stops.push(
      (
        (t) => () =>
          clearTimeout(t)
      )(setTimeout(action, time - wallNow())),
    );
  at(windowStart, () => snapshot('start'));
  at((windowStart + windowEnd) / 2, () => (state.rssMax = Math.max(state.rssMax, process.memoryUsage.rss())));
  at(windowEnd, () => snapshot('end'));
  stops.push(
    schedule(config.questionsPerSecond, start, windowEnd, (k) => fullByNumber.get(k % config.fullCount)?.ask(k)),
    schedule(config.votesPerSecond, start, windowEnd, (k) => {
      if (k % config.workers === config.worker) castVote(Math.floor(k / config.workers));
    }),
  );
}

function result() {
  state.closing = true;
  for (const stop of stops) stop();
  const counts = {
    'question:created': state.created,
    'questions:votes': state.votes,
    presence: state.presence,
    ...Object.fromEntries(state.others),
  };
  const samples = clients
    .filter((client) => client.voteCounts && client.joined)
    .map((client) => {
      const byQuestion = new Map();
      for (const [key, count] of client.voteCounts) {
        const id = key.split('@')[0];
        byQuestion.set(id, (byQuestion.get(id) ?? 0) + count);
      }
      return { index: client.index, full: client.full, byQuestion };
    });
  const { start, end } = state.snapshots;
  return {
    type: 'result',
    counts,
    createdCount: state.createdCount,
    createdMax: state.createdMax,
    delivery: state.delivery,
    deliveryFull: state.deliveryFull,
    unparsed: state.unparsed,
    ownReceived: state.ownReceived,
    votes: {
      sent: state.votesSent,
      ok: state.votesOk,
      skipped: state.votesSkipped,
      unanswered: state.pendingVotes,
      ack: state.voteAck,
      byQuestion: state.votesByQuestion,
    },
    pendingAsks: state.pendingAsks,
    errors: state.errors,
    disconnects: state.disconnects,
    samples,
    window: start && end ? { events: end.events - start.events, cpuUs: end.cpuUs - start.cpuUs } : null,
    rssMax: state.rssMax,
  };
}

process.on('message', async (message) => {
  try {
    if (message.type === 'init') {
      config = message.config;
      state.createdCount = new Uint32Array(config.maxSeq);
      state.createdMax = new Float64Array(config.maxSeq).fill(-Infinity);
      process.send({ type: 'ready' });
    } else if (message.type === 'connect') {
      process.send({ type: 'connected', ...(await connectAll(message.concurrency)) });
    } else if (message.type === 'run') {
      startRun(message);
    } else if (message.type === 'poll') {
      let created = 0;
      for (const count of state.createdCount) created += count;
      process.send({
        type: 'progress',
        created,
        votes: state.votes,
        votesOk: state.votesOk,
        ownReceived: state.ownReceived,
        pendingVotes: state.pendingVotes,
        pendingAsks: state.pendingAsks,
      });
    } else if (message.type === 'finish') {
      process.send(result(), () => {
        for (const client of clients) client.close();
      });
    }
  } catch (error) {
    process.send({ type: 'fatal', message: error.stack ?? String(error) });
  }
});
