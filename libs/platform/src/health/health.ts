/** One dependency a service needs to serve traffic (an engine), checked by `/health/ready`. */
export interface DependencyCheck {
  /** Named in the 503 answer, e.g. `mongodb`, `nats`, `redis`, `elasticsearch`. */
  name: string;
  /** Resolves when the dependency answers; rejects or times out otherwise. */
  check(): Promise<void>;
}

export type DependencyState = 'up' | 'down';

export interface ReadinessReport {
  ready: boolean;
  checks: Record<string, DependencyState>;
  down: string[];
}

const CHECK_TIMEOUT_MS = 1500;

/** Runs every check at once, each bounded by a timeout, and says which dependencies are down. */
export async function checkReadiness(checks: DependencyCheck[], timeoutMs = CHECK_TIMEOUT_MS): Promise<ReadinessReport> {
  const results = await Promise.all(
    checks.map(async (dep) => {
      try {
        await withTimeout(dep.check(), timeoutMs);
        return [dep.name, 'up'] as const;
      } catch {
        return [dep.name, 'down'] as const;
      }
    }),
  );
  const states = Object.fromEntries(results) as Record<string, DependencyState>;
  const down = results.filter(([, state]) => state === 'down').map(([name]) => name);
  return { ready: down.length === 0, checks: states, down };
}

export function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    }),
  ]);
}
