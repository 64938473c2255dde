/**
 * Crash points for crash-safety tests. When `OMNIBOX_FAILPOINTS` (comma-separated) names a point, the
 * process kills itself there with SIGKILL, exactly as a node failure would, so a test can prove that a
 * retried operation completes with nothing lost. Unset in every deployment, so a no-op.
 */
export function failpoint(name: string): void {
  const points = process.env.OMNIBOX_FAILPOINTS;
  if (points && points.split(',').includes(name)) process.kill(process.pid, 'SIGKILL');
}
