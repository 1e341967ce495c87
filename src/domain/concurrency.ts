/**
 * Runs `work` on every item, at most `limit` at a time, and resolves when all are done. Each
 * worker takes the next item as it finishes one, so a slow item holds up only its own worker.
 * `work` handles its own failures (a rejection stops nothing else but rejects the whole call).
 */
export async function forEachConcurrently<T>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < items.length; i = next++) await work(items[i]!, i);
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(1, limit), items.length) }, worker));
}
