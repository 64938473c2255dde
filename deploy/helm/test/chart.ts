import { execFile } from 'node:child_process';
import { join, resolve } from 'node:path';
import { ClassConstructor } from 'class-transformer';
import { parseAllDocuments } from 'yaml';
import { ConfigError, loadConfig } from '@omnibox/platform';
import { GatewayConfig } from '../../../services/gateway/src/config';
import { ConversationsConfig } from '../../../services/conversations/src/config';
import { ContactsConfig } from '../../../services/contacts/src/config';
import { SearchConfig } from '../../../services/search/src/config';
import { CallsConfig } from '../../../services/calls/src/config';
import { NotificationsConfig } from '../../../services/notifications/src/config';

// The chart tests' tools: helm (built from its Go module by tools/helm/build.sh), the chart rendered
// with `helm template` and read back as manifests, and what each service's code requires.

export const ROOT = resolve(__dirname, '..', '..', '..');
export const HELM = join(ROOT, '.engines', 'bin', 'helm');
export const CHART = join(ROOT, 'deploy', 'helm', 'omnibox');
export const PRODUCTION = join(CHART, 'values-production.yaml');
export const RELEASE = 'omnibox';
export const NAMESPACE = 'inbox';

/** Each service and the config class its code validates its environment with. */
export const SERVICES: Record<string, ClassConstructor<object>> = {
  gateway: GatewayConfig,
  conversations: ConversationsConfig,
  contacts: ContactsConfig,
  search: SearchConfig,
  calls: CallsConfig,
  notifications: NotificationsConfig,
};
export const BACKENDS = Object.keys(SERVICES).filter((name) => name !== 'gateway');
export const ENGINE_OF_VARIABLE: Record<string, string> = { MONGODB_URL: 'mongodb', ELASTICSEARCH_URL: 'elasticsearch', NATS_URL: 'nats', REDIS_URL: 'redis', S3_ENDPOINT: 's3' };
/** The services that keep files (attachments, incoming media, recordings) in the object store. */
export const KEEP_FILES = ['gateway', 'conversations', 'calls'];
export const S3_KEYS = ['S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'];
/**
 * The services that reach messaging providers (gateway: Telegram's setWebhook; conversations: sends,
 * incoming media; calls: call actions, recordings), and the one that sends mail through SMTP relays.
 */
export const REACH_PROVIDERS = ['gateway', 'conversations', 'calls'];
export const SEND_MAIL = ['conversations'];
/** The service that fetches web pages for link previews. */
export const PREVIEW_LINKS = ['conversations'];

/** The variables a service refuses to start without, as its own config validation names them. */
export function requiredVariables(config: ClassConstructor<object>): string[] {
  try {
    loadConfig(config, {});
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map((problem) => problem.split(':')[0]);
    throw error;
  }
  return [];
}

export interface HelmResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function helm(args: string[]): Promise<HelmResult> {
  return new Promise((done) => {
    execFile(HELM, args, { cwd: ROOT, maxBuffer: 32 * 1024 * 1024 }, (error, stdout, stderr) => {
      done({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Manifest = { apiVersion: string; kind: string; metadata: { name: string; labels?: Record<string, string>; annotations?: Record<string, string> }; spec?: any; data?: Record<string, string> };
/** A NetworkPolicy ingress or egress rule. */
export type PolicyRule = { ports: Array<{ port: number | string }>; from?: Array<{ podSelector?: { matchLabels: Record<string, string> } }>; to?: Array<{ podSelector?: { matchLabels: Record<string, string> } }> };

export class Rendered {
  constructor(readonly manifests: Manifest[]) {}

  all(kind: string): Manifest[] {
    return this.manifests.filter((m) => m.kind === kind);
  }

  find(kind: string, name: string): Manifest | undefined {
    return this.manifests.find((m) => m.kind === kind && m.metadata.name === name);
  }

  get(kind: string, name: string): Manifest {
    const found = this.find(kind, name);
    if (!found) throw new Error(`no ${kind} ${name} among ${this.manifests.map((m) => `${m.kind}/${m.metadata.name}`).join(', ')}`);
    return found;
  }

  /** The container of a service's Deployment. */
  container(service: string) {
    return this.get('Deployment', `${RELEASE}-${service}`).spec.template.spec.containers[0];
  }

  /** The environment a service's pods get: its ConfigMap, then the Secret keys it references. */
  environment(service: string): Record<string, string> {
    const container = this.container(service);
    const env: Record<string, string> = {};
    for (const source of container.envFrom ?? []) Object.assign(env, this.get('ConfigMap', source.configMapRef.name).data);
    for (const variable of container.env ?? []) {
      if (variable.value !== undefined) env[variable.name] = variable.value;
      const ref = variable.valueFrom?.secretKeyRef;
      if (ref) {
        const secret = this.find('Secret', ref.name);
        env[variable.name] = secret ? Buffer.from(secret.data![ref.key], 'base64').toString('utf8') : `<${ref.name}/${ref.key}>`;
      }
    }
    return env;
  }
}

export async function render(...args: string[]): Promise<Rendered> {
  const result = await helm(['template', RELEASE, CHART, '--namespace', NAMESPACE, ...args]);
  if (result.code !== 0) throw new Error(`helm template failed:\n${result.stderr}`);
  const manifests = parseAllDocuments(result.stdout)
    .map((doc) => doc.toJS() as Manifest | null)
    .filter((m): m is Manifest => !!m);
  return new Rendered(manifests);
}

/** True when every label of the selector is on the pod. */
export function selects(selector: Record<string, string>, labels: Record<string, string>): boolean {
  return Object.entries(selector).every(([key, value]) => labels[key] === value);
}

export function podLabels(rendered: Rendered, service: string): Record<string, string> {
  return rendered.get('Deployment', `${RELEASE}-${service}`).spec.template.metadata.labels;
}

export function httpPort(rendered: Rendered, service: string): number {
  const env = rendered.environment(service);
  return Number(service === 'gateway' ? env.GATEWAY_PORT : env.HTTP_PORT);
}

/** The port where a service serves GET /metrics, as its code reads it: the gateway's admin port, a backend's HTTP port. */
export function metricsPort(rendered: Rendered, service: string): number {
  const env = rendered.environment(service);
  return Number(service === 'gateway' ? env.GATEWAY_METRICS_PORT : env.HTTP_PORT);
}

/** The number of a service's container port, given by number or by name (as Services and NetworkPolicies name it). */
export function containerPort(rendered: Rendered, service: string, port: number | string): number | undefined {
  if (typeof port === 'number') return port;
  return rendered.container(service).ports.find((p: { name: string }) => p.name === port)?.containerPort;
}

/** Builds helm once (a stamp makes later runs instant; the first build from its Go module takes a minute or two). */
export function buildHelm(): Promise<void> {
  return new Promise<void>((done, fail) =>
    execFile('bash', [join(ROOT, 'tools', 'helm', 'build.sh')], { cwd: ROOT }, (error, _out, stderr) => (error ? fail(new Error(stderr)) : done())),
  );
}
