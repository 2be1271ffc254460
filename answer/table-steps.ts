/**
 * A per-base table over thousands of documents takes a second of CPU at 100k chunks. Built as steps — a
 * generator that yields between slices of documents and returns the table — it can be built at once when a
 * question needs it, or with the event loop let through between slices while a new base is prepared.
 */

/** Documents handled between two yields (tens of milliseconds at most). */
export const DOCUMENTS_PER_STEP = 100;

/** Runs the steps at once and returns the table. */
export function runSteps<T>(steps: Generator<void, T>): T {
  let step = steps.next();
  while (!step.done) step = steps.next();
  return step.value;
}

/** Runs the steps, letting queued I/O and timers run between them. */
export async function runStepsYielding<T>(steps: Generator<void, T>): Promise<T> {
  let step = steps.next();
  while (!step.done) {
    await new Promise((resolve) => setImmediate(resolve));
    step = steps.next();
  }
  return step.value;
}
