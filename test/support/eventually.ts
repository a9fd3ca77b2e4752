/**
 * Retries `check` (which throws until what it expects is true) every 200 ms until it passes or
 * `timeoutMs` runs out, then rethrows its last failure. Resolves with the milliseconds it took.
 */
export async function eventually(check: () => Promise<void>, timeoutMs = 15_000): Promise<number> {
  const started = Date.now();
  for (;;) {
    try {
      await check();
      return Date.now() - started;
    } catch (error) {
      if (Date.now() - started > timeoutMs) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}
