// What the benches share: cleanup on every way out, option parsing, percentiles and the result table, throwaway
// PostgreSQL databases.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { userInfo } from 'node:os';

const steps = [];
let cleaning;
let watchdog;

/** Runs at cleanup, in reverse order of registration. */
export function onCleanup(step) {
  steps.push(step);
}

/**
 * Runs the cleanup steps once, newest first, including those registered meanwhile (after a signal the bench runs on
 * until the exit); a failing step does not stop the others. Later calls get the same promise.
 */
export function cleanup() {
  cleaning ??= (async () => {
    for (let step = steps.pop(); step; step = steps.pop()) {
      try {
        await step();
      } catch (error) {
        console.error(`cleanup: ${error.message}`);
      }
    }
    clearTimeout(watchdog);
  })();
  return cleaning;
}

/** True once cleanup has begun (after a signal, say): what fails then is the bench being taken down. */
export function cleaningUp() {
  return cleaning !== undefined;
}

/** Cleans up before exiting on SIGINT and SIGTERM, and gives up (cleaning up) after totalLimitMs. */
export function guard(totalLimitMs) {
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, () => {
      console.error(`\n${signal}: cleaning up`);
      cleanup().finally(() => process.exit(130));
    });
  }
  watchdog = setTimeout(() => {
    console.error(`bench: still running after ${totalLimitMs / 1000} s, giving up`);
    cleanup().finally(() => process.exit(1));
  }, totalLimitMs);
  watchdog.unref();
}

/**
 * --name=value (or --name value) options over the defaults, typed like them: strings, positive numbers, and switches
 * (--name and --no-name). Exits with code 2 on anything else.
 */
export function parseOptions(argv, defaults) {
  const result = { ...defaults };
  argv = [...argv];
  for (let arg = argv.shift(); arg !== undefined; arg = argv.shift()) {
    const match = /^--(no-)?([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!match || !(match[2] in defaults)) {
      const usage = Object.entries(defaults).map(([key, value]) =>
        typeof value === 'boolean' ? `--[no-]${key}` : `--${key}=…`,
      );
      console.error(`unknown option ${arg}; options: ${usage.join(' ')}`);
      process.exit(2);
    }
    const [, negated, key] = match;
    let raw = match[3];
    // `--name value` for an option that takes a value: the next argument is its value.
    if (raw === undefined && !negated && typeof defaults[key] !== 'boolean' && argv[0]?.startsWith('--') === false) {
      raw = argv.shift();
    }
    if (typeof defaults[key] === 'boolean') result[key] = !negated;
    else if (typeof defaults[key] === 'string' && !negated && raw !== undefined) result[key] = raw;
    else if (typeof defaults[key] === 'number' && !negated && Number(raw) > 0) result[key] = Number(raw);
    else {
      console.error(`--${key} needs ${typeof defaults[key] === 'number' ? 'a positive number' : 'a value'}`);
      process.exit(2);
    }
  }
  return result;
}

export function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
}

/** Rows of text cells under a header and a rule: the first column aligned left, the others right. */
export function printTable(header, rows) {
  const widths = header.map((_, i) => Math.max(...[header, ...rows].map((row) => row[i].length)));
  const render = (row) =>
    row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
  console.log(`\n${render(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}`);
  for (const row of rows) console.log(render(row));
}

/** Runs task(0) … task(count - 1), at most `width` at a time; their results in order. */
export async function inParallel(count, width, task) {
  const results = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, count) }, async () => {
      while (next < count) {
        const i = next++;
        results[i] = await task(i);
      }
    }),
  );
  return results;
}

/**
 * Stops a child process at cleanup, or before with `child.stop()`: its IPC channel closed if it has one (the child
 * stops on that, by a hook of its own), then SIGTERM (at once without a channel, after 3 s with one), then SIGKILL
 * after 8 s. `child.output()` is the end of what it said (or of what `output` returns: its log file, say).
 */
export function trackChild(child, name, output) {
  let said = '';
  for (const stream of [child.stdout, child.stderr]) {
    stream?.on('data', (chunk) => {
      said = (said + chunk).slice(-4000);
    });
  }
  child.on('error', (error) => {
    said += `\n${error.message}`;
  });
  child.output = () => (output ? output() : said).slice(-4000).trim() || 'no output';
  const exited = new Promise((done) => child.once('exit', done));
  let stopping;
  child.stop = () =>
    (stopping ??= (async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const ipc = child.connected;
      if (ipc) child.disconnect();
      const term = setTimeout(() => child.kill('SIGTERM'), ipc ? 3000 : 0);
      const kill = setTimeout(() => {
        console.error(`cleanup: ${name} did not stop, killing it`);
        child.kill('SIGKILL');
      }, 8000);
      await exited;
      clearTimeout(term);
      clearTimeout(kill);
    })());
  onCleanup(child.stop);
  return child;
}

const PG = {
  host: process.env.PGHOST || '127.0.0.1',
  port: process.env.PGPORT || '5432',
  user: process.env.PGUSER || userInfo().username,
};
const pgArgs = () => ['-h', PG.host, '-p', PG.port, '-U', PG.user];

/**
 * A throwaway PostgreSQL database for a FerretDB launcher (createdb; dropped at cleanup), on PGHOST, PGPORT and
 * PGUSER (default 127.0.0.1:5432 as the current user): its URL, `endSessions()`, which ends the queries still
 * running on it (those of a stopped FerretDB that PostgreSQL has not noticed yet), and `backendPids()`, the pids of
 * the PostgreSQL processes serving it now.
 */
export function throwawayPostgresDatabase(prefix) {
  const name = `${prefix}_${process.pid}_${Date.now()}`;
  execFileSync('createdb', [...pgArgs(), name], { stdio: ['ignore', 'ignore', 'pipe'] });
  onCleanup(() => {
    try {
      execFileSync('dropdb', [...pgArgs(), '--if-exists', '--force', name], { stdio: 'ignore' });
    } catch {
      execFileSync('dropdb', [...pgArgs(), '--if-exists', name], { stdio: 'ignore' }); // PostgreSQL < 13
    }
  });
  const endSessions = () =>
    execFileSync(
      'psql',
      [...pgArgs(), '-X', '-q', '-d', name, '-c'].concat(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${name}' AND pid <> pg_backend_pid()`,
      ),
      { stdio: 'ignore' },
    );
  // The pids of the server processes serving the database now (to read their CPU time when PostgreSQL is local).
  const backendPids = () =>
    execFileSync(
      'psql',
      [...pgArgs(), '-X', '-q', '-A', '-t', '-d', name, '-c'].concat(
        `SELECT pid FROM pg_stat_activity WHERE datname = '${name}' AND pid <> pg_backend_pid()`,
      ),
      { stdio: ['ignore', 'pipe', 'ignore'], encoding: 'utf8' },
    )
      .split('\n')
      .filter((line) => /^\d+$/.test(line.trim()))
      .map(Number);
  return { url: `postgres://${PG.user}@${PG.host}:${PG.port}/${name}`, endSessions, backendPids };
}

/** Whether createdb can reach PostgreSQL (PGHOST, PGPORT, PGUSER). */
export function postgresAvailable() {
  try {
    execFileSync('psql', [...pgArgs(), '-X', '-q', '-d', 'postgres', '-c', 'SELECT 1'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** A process's CPU time so far (user + system, Linux /proc) in ms; NaN when it cannot be read (gone, or no /proc). */
export function processCpuMs(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime, stime in USER_HZ (100 on Linux)
  } catch {
    return NaN;
  }
}

/** A process's resident set size now (Linux /proc) in bytes; NaN when it cannot be read. */
export function processRssBytes(pid) {
  try {
    return Number(readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')[1]) * 4096;
  } catch {
    return NaN;
  }
}

/**
 * The whole machine's CPU time so far (Linux /proc/stat, all cores) in ms: `busy` (all but idle and iowait) and
 * `total`; NaNs when it cannot be read. What the machine did meanwhile, whoever did it.
 */
export function machineCpuMs() {
  try {
    const ticks = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    const total = ticks.slice(0, 8).reduce((a, b) => a + b, 0); // user … steal (guest is counted in user)
    return { busy: ((total - ticks[3] - ticks[4]) * 1000) / 100, total: (total * 1000) / 100 };
  } catch {
    return { busy: NaN, total: NaN };
  }
}

/** The pids whose command line passes `test` (args: the arguments, argv[0] first), from Linux /proc; [] elsewhere. */
export function pidsByCommandLine(test) {
  const pids = [];
  try {
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        if (test(readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0'))) pids.push(Number(entry));
      } catch {
        // gone meanwhile, or not ours to read
      }
    }
  } catch {
    // no /proc
  }
  return pids;
}
