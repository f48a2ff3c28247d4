/** How long `promise` took to settle, and what it rejected with (undefined when it resolved). */
export async function timed(promise: Promise<unknown>): Promise<{ ms: number; error: unknown }> {
  const started = performance.now();
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  return { ms: performance.now() - started, error };
}

/** Settles `call` or reports "hung" once `budgetMs` has passed. */
export async function settleWithin(call: () => Promise<unknown>, budgetMs: number): Promise<unknown> {
  let watchdog: ReturnType<typeof setTimeout> | undefined;
  const hung = new Promise<string>((resolve) => {
    watchdog = setTimeout(() => resolve("hung"), budgetMs);
  });
  try {
    return await Promise.race([
      call().then(
        () => "resolved",
        (error: unknown) => error,
      ),
      hung,
    ]);
  } finally {
    clearTimeout(watchdog);
  }
}
