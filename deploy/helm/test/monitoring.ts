import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { metricsRegistry } from '@omnibox/platform';
import { containerPort, Manifest, NAMESPACE, podLabels, Rendered, selects } from './chart';

// The monitoring tests' tools: Prometheus's own PromQL parser (deploy/helm/test/promql, built from
// its Go module), the series names the services' code registers, and who a NetworkPolicy admits.

const PROMQL_DIR = join(__dirname, 'promql');

/** Builds the PromQL checker once (a stamp makes later runs instant). */
export function buildPromql(): Promise<void> {
  return new Promise<void>((done, fail) => execFile('bash', [join(PROMQL_DIR, 'build.sh')], (error, _out, stderr) => (error ? fail(new Error(stderr)) : done())));
}

export interface CheckedExpression {
  error?: string;
  selectors: string[];
  metrics: string[];
}

/** Parses expressions with Prometheus's parser and expands annotation templates as Prometheus would. */
export function checkRules(expressions: string[], templates: string[]): Promise<{ expressions: CheckedExpression[]; templates: string[] }> {
  return new Promise((done, fail) => {
    const child = execFile(join(PROMQL_DIR, 'bin', 'promql'), (error, stdout, stderr) => (error ? fail(new Error(stderr)) : done(JSON.parse(stdout))));
    child.stdin!.end(JSON.stringify({ expressions, templates }));
  });
}

/** The series the services' code can expose: every registered metric, with a histogram's _bucket, _count and _sum. */
export async function registeredSeries(): Promise<string[]> {
  const metrics = await metricsRegistry.getMetricsAsJSON();
  return metrics.flatMap(({ name, type }) => (String(type) === 'histogram' ? [`${name}_bucket`, `${name}_count`, `${name}_sum`] : [name]));
}

export interface Alert {
  alert: string;
  expr: string;
  for?: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

export function alertsOf(rule: Manifest): Alert[] {
  return rule.spec.groups.flatMap((group: { rules: Alert[] }) => group.rules);
}

/** A pod somewhere in the cluster: its namespace's labels and its own. */
export interface Pod {
  namespace: string;
  namespaceLabels: Record<string, string>;
  labels: Record<string, string>;
}

export const PROMETHEUS: Pod = { namespace: 'monitoring', namespaceLabels: { 'kubernetes.io/metadata.name': 'monitoring' }, labels: { 'app.kubernetes.io/name': 'prometheus' } };
export const GRAFANA: Pod = { namespace: 'monitoring', namespaceLabels: { 'kubernetes.io/metadata.name': 'monitoring' }, labels: { 'app.kubernetes.io/name': 'grafana' } };

type Peer = { podSelector?: { matchLabels?: Record<string, string> }; namespaceSelector?: { matchLabels?: Record<string, string> }; ipBlock?: unknown };

/** True when a NetworkPolicy peer (in the release's namespace) covers the pod, as Kubernetes reads it (matchLabels only). */
function peerCovers(peer: Peer, pod: Pod): boolean {
  if (peer.ipBlock) return false;
  const namespaceMatches = peer.namespaceSelector ? selects(peer.namespaceSelector.matchLabels ?? {}, pod.namespaceLabels) : pod.namespace === NAMESPACE;
  const podMatches = peer.podSelector ? selects(peer.podSelector.matchLabels ?? {}, pod.labels) : true;
  return namespaceMatches && podMatches;
}

/** The container ports of a service that the release's NetworkPolicies let the pod connect to (all of them when no policy isolates the service). */
export function portsAdmitted(rendered: Rendered, service: string, from: Pod): number[] {
  const target = podLabels(rendered, service);
  const policies = rendered.all('NetworkPolicy').filter((policy) => selects(policy.spec.podSelector.matchLabels, target) && policy.spec.policyTypes.includes('Ingress'));
  const all = rendered.container(service).ports.map((p: { containerPort: number }) => p.containerPort);
  if (policies.length === 0) return all;
  const admitted = new Set<number>();
  for (const rule of policies.flatMap((policy) => policy.spec.ingress ?? []) as Array<{ ports?: Array<{ port: number | string }>; from?: Peer[] }>) {
    if (rule.from?.length && !rule.from.some((peer) => peerCovers(peer, from))) continue;
    for (const port of rule.ports?.length ? rule.ports.map((p) => containerPort(rendered, service, p.port)) : all) if (port !== undefined) admitted.add(port);
  }
  return [...admitted].sort((a, b) => a - b);
}
