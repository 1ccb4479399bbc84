/**
 * Runs the calls given one key one after another, in this process. The engine
 * creates the resources of a program at once: two of them that name one object
 * (two tags of one name) would each look first, find nothing, and both create.
 * Taken in turn, the second finds the first and is refused (or adopts it).
 */
const queues = new Map<string, Promise<unknown>>();

export async function oneAtATime<T>(key: string, run: () => Promise<T>): Promise<T> {
  const before = queues.get(key) ?? Promise.resolve();
  const mine = before.then(run, run);
  const settled = mine.then(
    () => undefined,
    () => undefined,
  );
  queues.set(key, settled);
  try {
    return await mine;
  } finally {
    // The last in the queue leaves no entry behind.
    if (queues.get(key) === settled) queues.delete(key);
  }
}
