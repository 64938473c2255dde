/**
 * MSG-2 / CHN-4: how long an outgoing message waits before its next attempt after the provider failed
 * `attempts` times (back-off doubling from `baseMs`, at most a minute), and whether its budget is spent.
 */
export const MAX_RETRY_DELAY_MS = 60_000;

export function retryDelay(attempts: number, baseMs: number): number {
  return Math.min(MAX_RETRY_DELAY_MS, baseMs * 2 ** Math.max(0, attempts - 1));
}

export function budgetSpent(attempts: number, maxAttempts: number): boolean {
  return attempts >= maxAttempts;
}

/**
 * A thread's messages go out in order: one waiting behind an earlier message of its thread that is still
 * being delivered looks again after this long (short, so the queue moves as soon as the earlier one goes;
 * never more often than every quarter second).
 */
export function orderWait(baseMs: number): number {
  return Math.min(2000, Math.max(250, baseMs));
}
