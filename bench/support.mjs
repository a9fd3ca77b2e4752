// What the benches share: cleanup on every way out, option parsing, percentiles and the result table.
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
 * --name=value options over the defaults, typed like them: strings, positive numbers, and switches (--name and
 * --no-name). Exits with code 2 on anything else.
 */
export function parseOptions(argv, defaults) {
  const result = { ...defaults };
  for (const arg of argv) {
    const match = /^--(no-)?([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!match || !(match[2] in defaults)) {
      const usage = Object.entries(defaults).map(([key, value]) =>
        typeof value === 'boolean' ? `--[no-]${key}` : `--${key}=…`,
      );
      console.error(`unknown option ${arg}; options: ${usage.join(' ')}`);
      process.exit(2);
    }
    const [, negated, key, raw] = match;
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
