// Runs outside jest's transform (no TypeScript), as jest loads a sequencer before any spec.
import Sequencer from '@jest/test-sequencer';

/** The spec files that take minutes: browser specs and the fuzz shards (small files that start big runs). */
const LONG = [/[\\/]test[\\/]browser[\\/]/, /[\\/]test[\\/]fuzz-\d+\.e2e-spec\.ts$/];

/**
 * Jest's own order (failed last time first, then slowest last time, else biggest file), except that
 * the long specs start first: on a clean clone there are no timings, and jest would run the fuzz
 * shards and the page sweeps (four-line files) last, when nothing else is left to share the workers.
 */
export default class LongestFirst extends Sequencer {
  sort(tests) {
    const sorted = super.sort(tests);
    const long = (test) => LONG.some((pattern) => pattern.test(test.path));
    return [...sorted.filter(long), ...sorted.filter((test) => !long(test))];
  }
}
