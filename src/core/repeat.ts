/**
 * Runs a background task every `ms` (and at once if asked), never two runs at
 * a time: a run still going when the next is due makes that one skip. Errors
 * go to `onError`; the timer does not keep the process alive. Returns a
 * function that stops it.
 */
export function repeatEvery(ms: number, task: () => Promise<unknown>, onError: (error: unknown) => void, options: { runNow?: boolean } = {}): () => void {
  let running = false;
  const run = () => {
    if (running) return;
    running = true;
    task()
      .catch(onError)
      .finally(() => {
        running = false;
      });
  };
  const timer = setInterval(run, ms);
  timer.unref();
  if (options.runNow) setImmediate(run);
  return () => clearInterval(timer);
}
