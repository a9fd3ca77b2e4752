// What bench/live.mjs shares with its worker processes: the clock, the question text, the schedule of the mix and a
// latency histogram that workers fill and the coordinator merges.

/** Wall-clock time in ms with sub-ms precision, comparable between processes of the same machine. */
export const wallNow = () => performance.timeOrigin + performance.now();

/** The text of question `seq`, sent at wall time `sentAt`: what every receiver reads the send time from. */
export const questionText = (seq, sentAt) => `bench q ${seq} t=${sentAt.toFixed(3)}`;

/** { seq, sentAt } from a question's text, or null when it is not one of ours. */
export function parseQuestionText(text) {
  const match = /bench q (\d+) t=(\d+(?:\.\d+)?)/.exec(text ?? '');
  return match ? { seq: Number(match[1]), sentAt: Number(match[2]) } : null;
}

/**
 * Calls fire(k) for k = 0, 1, … at wall times start + k / rate seconds, while that time is before `end`; when the
 * process is late, the items due are fired at once, in order. Returns a function that stops it.
 */
export function schedule(rate, start, end, fire) {
  const interval = 1000 / rate;
  let k = 0;
  let timer;
  const tick = () => {
    const now = wallNow();
    while (start + k * interval <= now && start + k * interval < end) fire(k++);
    if (start + k * interval >= end) return;
    timer = setTimeout(tick, Math.max(0, start + k * interval - wallNow()));
  };
  timer = setTimeout(tick, Math.max(0, start - wallNow()));
  return () => clearTimeout(timer);
}

const GROWTH = 1.01; // bucket i holds values up to GROWTH^i µs: 1 % precision
const LOG_GROWTH = Math.log(GROWTH);
const BUCKETS = Math.ceil(Math.log(1e9) / LOG_GROWTH) + 1; // up to 1,000 s

/**
 * Latencies in ms, in logarithmic buckets of 1 % (percentiles read to within 1 %; the maximum exact). Sent between
 * processes as a plain object (`Histogram.from` makes it one again) and merged.
 */
export class Histogram {
  constructor() {
    this.buckets = new Uint32Array(BUCKETS);
    this.count = 0;
    this.max = -Infinity;
  }

  static from(plain) {
    return Object.assign(new Histogram(), plain);
  }

  add(ms) {
    const us = ms * 1000;
    const i = us <= 1 ? 0 : Math.min(BUCKETS - 1, Math.ceil(Math.log(us) / LOG_GROWTH));
    this.buckets[i]++;
    this.count++;
    if (ms > this.max) this.max = ms;
  }

  merge(other) {
    for (let i = 0; i < BUCKETS; i++) this.buckets[i] += other.buckets[i];
    this.count += other.count;
    this.max = Math.max(this.max, other.max);
    return this;
  }

  /** The p-th fraction (0.99 for p99), in ms: the upper bound of its bucket, never above the maximum. */
  percentile(p) {
    if (this.count === 0) return NaN;
    const rank = Math.max(1, Math.ceil(p * this.count));
    let seen = 0;
    for (let i = 0; i < BUCKETS; i++) {
      seen += this.buckets[i];
      if (seen >= rank) return Math.min(this.max, GROWTH ** i / 1000);
    }
    return this.max;
  }
}
