/** Progress for long server-side statements that report nothing while they run. */

/** Report every 10 s that a long server-side scan is still running. */
export async function heartbeat<T>(work: Promise<T>, what: string, log: (m: string) => void): Promise<T> {
  const started = Date.now();
  const timer = setInterval(
    () => log(`${what} still running (${Math.round((Date.now() - started) / 1000)}s)`),
    10_000,
  );
  try {
    return await work;
  } finally {
    clearInterval(timer);
  }
}
