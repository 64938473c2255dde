import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { loadConfig } from '@omnibox/platform';
import { BACKENDS, buildHelm, CHART, ENGINE_OF_VARIABLE, helm, httpPort, PolicyRule, podLabels, PREVIEW_LINKS, PRODUCTION, REACH_PROVIDERS, RELEASE, render, Rendered, requiredVariables, selects, SEND_MAIL, SERVICES } from './chart';

// The chart as an SRE installs it: `helm lint` and `helm template` (helm built from its Go module by
// tools/helm/build.sh), for the default values and the production-like values, then the rendered
// manifests read back and checked for what a deployment needs from every service.

const defaultValues = parse(readFileSync(join(CHART, 'values.yaml'), 'utf8'));
const productionValues = parse(readFileSync(PRODUCTION, 'utf8'));
const setups = [
  { label: 'default values', args: [] as string[], engines: defaultValues.networkPolicy.engines, pushServices: defaultValues.networkPolicy.pushServices, providers: defaultValues.networkPolicy.providers, smtpRelays: defaultValues.networkPolicy.smtpRelays, linkPreviews: defaultValues.networkPolicy.linkPreviews },
  {
    label: 'production values',
    args: ['-f', PRODUCTION],
    engines: { ...defaultValues.networkPolicy.engines, ...productionValues.networkPolicy.engines },
    pushServices: productionValues.networkPolicy.pushServices ?? defaultValues.networkPolicy.pushServices,
    providers: productionValues.networkPolicy.providers ?? defaultValues.networkPolicy.providers,
    smtpRelays: productionValues.networkPolicy.smtpRelays ?? defaultValues.networkPolicy.smtpRelays,
    linkPreviews: productionValues.networkPolicy.linkPreviews ?? defaultValues.networkPolicy.linkPreviews,
  },
];
const renders = new Map<string, Rendered>();

beforeAll(async () => {
  await buildHelm();
  for (const setup of setups) renders.set(setup.label, await render(...setup.args));
}, 600_000);

describe.each(setups)('the chart with $label', ({ label, args, engines, pushServices, providers, smtpRelays, linkPreviews }) => {
  const rendered = () => renders.get(label)!;

  it('passes helm lint --strict', async () => {
    const result = await helm(['lint', '--strict', CHART, ...args]);
    expect(result.stderr + result.stdout).toContain('0 chart(s) failed');
    expect(result.code).toBe(0);
  });

  describe.each(Object.keys(SERVICES))('%s', (service) => {
    const name = `${RELEASE}-${service}`;

    it('runs its own image at a pinned tag', () => {
      const image: string = rendered().container(service).image;
      expect(image).toMatch(new RegExp(`${service}:[0-9]+\\.[0-9]+\\.[0-9]+`));
    });

    it('is probed on /health/live and /health/ready at its HTTP port', () => {
      const container = rendered().container(service);
      const port = container.ports.find((p: { name: string }) => p.name === 'http');
      expect(port.containerPort).toBe(httpPort(rendered(), service));
      expect(container.startupProbe.httpGet).toEqual({ path: '/health/live', port: 'http' });
      expect(container.livenessProbe.httpGet).toEqual({ path: '/health/live', port: 'http' });
      expect(container.readinessProbe.httpGet).toEqual({ path: '/health/ready', port: 'http' });
    });

    it('requests CPU and memory and has a memory limit', () => {
      const { resources } = rendered().container(service);
      expect(resources.requests.cpu).toBeTruthy();
      expect(resources.requests.memory).toBeTruthy();
      expect(resources.limits.memory).toBeTruthy();
    });

    it('runs as a non-root user on a read-only root filesystem, without capabilities', () => {
      const pod = rendered().get('Deployment', name).spec.template.spec;
      const container = pod.containers[0];
      expect(pod.securityContext.runAsNonRoot).toBe(true);
      expect(pod.securityContext.runAsUser).toBeGreaterThan(0);
      expect(pod.securityContext.seccompProfile).toEqual({ type: 'RuntimeDefault' });
      expect(pod.automountServiceAccountToken).toBe(false);
      expect(container.securityContext).toMatchObject({ runAsNonRoot: true, readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, privileged: false });
      expect(container.securityContext.capabilities.drop).toEqual(['ALL']);
      // /tmp is the one writable place: an emptyDir.
      const tmp = container.volumeMounts.find((m: { mountPath: string }) => m.mountPath === '/tmp');
      expect(pod.volumes.find((v: { name: string }) => v.name === tmp.name).emptyDir).toBeDefined();
    });

    it('shuts down gracefully: a preStop sleep shorter than the grace period', () => {
      const pod = rendered().get('Deployment', name).spec.template.spec;
      const [command, seconds] = pod.containers[0].lifecycle.preStop.exec.command;
      expect(command).toBe('sleep');
      expect(Number(seconds)).toBeGreaterThan(0);
      expect(pod.terminationGracePeriodSeconds).toBeGreaterThan(Number(seconds) + 5);
    });

    it('spreads its pods over zones and nodes', () => {
      const pod = rendered().get('Deployment', name).spec.template;
      const keys = pod.spec.topologySpreadConstraints.map((c: { topologyKey: string }) => c.topologyKey);
      expect(keys).toEqual(expect.arrayContaining(['topology.kubernetes.io/zone', 'kubernetes.io/hostname']));
      for (const constraint of pod.spec.topologySpreadConstraints) expect(selects(constraint.labelSelector.matchLabels, pod.metadata.labels)).toBe(true);
    });

    it('has a PodDisruptionBudget over its own pods only', () => {
      const pdb = rendered().get('PodDisruptionBudget', name);
      expect(pdb.apiVersion).toBe('policy/v1');
      expect(pdb.spec.minAvailable ?? pdb.spec.maxUnavailable).toBeDefined();
      for (const other of Object.keys(SERVICES)) {
        expect(selects(pdb.spec.selector.matchLabels, podLabels(rendered(), other))).toBe(other === service);
      }
    });

    it('is scaled by its own HPA on CPU, which owns the replica count', () => {
      const hpa = rendered().get('HorizontalPodAutoscaler', name);
      expect(hpa.apiVersion).toBe('autoscaling/v2');
      expect(hpa.spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name });
      expect(hpa.spec.minReplicas).toBeGreaterThanOrEqual(1);
      expect(hpa.spec.maxReplicas).toBeGreaterThanOrEqual(hpa.spec.minReplicas);
      expect(hpa.spec.metrics).toContainEqual({ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: expect.any(Number) } } });
      expect(rendered().get('Deployment', name).spec.replicas).toBeUndefined();
    });

    it('gets every variable its config requires, secrets and engine URLs only from the Secret', () => {
      const required = requiredVariables(SERVICES[service]);
      expect(required).toContain('INTERNAL_SECRET');
      const env = rendered().environment(service);
      for (const variable of required) expect(env[variable]).toBeDefined();
      const config = rendered().get('ConfigMap', name).data!;
      const leaked = Object.keys(config).filter((key) => /SECRET|PASSWORD|TOKEN_KEY/.test(key) || (key.endsWith('_URL') && !key.endsWith('_GRPC_URL')));
      expect(leaked).toEqual([]);
      // Services listen on the pod's interfaces, not on loopback (their local default).
      expect(env[service === 'gateway' ? 'GATEWAY_HOST' : 'HTTP_HOST']).toBe('0.0.0.0');
    });

    it('may only reach DNS, the engines its config names, the object store it is given, messaging providers if it calls them, SMTP relays if it sends mail, the web if it previews links, the backends whose gRPC address it is given and, when it sends Web Push, the push services', () => {
      const policy = rendered().get('NetworkPolicy', name);
      expect(policy.spec.policyTypes).toEqual(['Ingress', 'Egress']);
      expect(selects(policy.spec.podSelector.matchLabels, podLabels(rendered(), service))).toBe(true);
      const egressPorts = new Set<number>(policy.spec.egress.flatMap((rule: { ports: Array<{ port: number }> }) => rule.ports.map((p) => p.port)));
      const expected = new Set<number>([53]);
      for (const variable of requiredVariables(SERVICES[service])) {
        const engine = ENGINE_OF_VARIABLE[variable];
        if (engine) for (const port of engines[engine].ports) expected.add(port);
      }
      const environment = rendered().environment(service);
      if (environment.S3_ENDPOINT) for (const port of engines.s3.ports) expected.add(port);
      if (environment.VAPID_PRIVATE_KEY) for (const port of pushServices.ports) expected.add(port);
      if (REACH_PROVIDERS.includes(service)) for (const port of providers.ports) expected.add(port);
      if (SEND_MAIL.includes(service)) for (const port of smtpRelays.ports) expected.add(port);
      if (PREVIEW_LINKS.includes(service)) for (const port of linkPreviews.ports) expected.add(port);
      for (const backend of BACKENDS) if (environment[`${backend.toUpperCase()}_GRPC_URL`]) expected.add(Number(rendered().environment(backend).GRPC_PORT));
      if (service === 'gateway') expect(BACKENDS.every((backend) => environment[`${backend.toUpperCase()}_GRPC_URL`])).toBe(true);
      expect([...egressPorts].sort()).toEqual([...expected].sort());
    });
  });

  it('lets the gateway reach every backend over gRPC at the address it is given', () => {
    const gateway = rendered().environment('gateway');
    const gatewayPods = podLabels(rendered(), 'gateway');
    const gatewayEgress = rendered().get('NetworkPolicy', `${RELEASE}-gateway`).spec.egress;
    for (const backend of BACKENDS) {
      const grpcPort = Number(rendered().environment(backend).GRPC_PORT);
      expect(gateway[`${backend.toUpperCase()}_GRPC_URL`]).toBe(`${RELEASE}-${backend}:${grpcPort}`);
      const service = rendered().get('Service', `${RELEASE}-${backend}`);
      expect(service.spec.ports).toContainEqual(expect.objectContaining({ name: 'grpc', port: grpcPort, targetPort: 'grpc' }));
      expect(selects(service.spec.selector, podLabels(rendered(), backend))).toBe(true);
      const containerPort = rendered().container(backend).ports.find((p: { name: string }) => p.name === 'grpc');
      expect(containerPort.containerPort).toBe(grpcPort);
      // The backend admits the gateway's pods on that port, and the gateway may send there.
      const ingress: PolicyRule[] = rendered().get('NetworkPolicy', `${RELEASE}-${backend}`).spec.ingress;
      const admitsGateway = ingress.some((rule) => rule.ports.some((p) => p.port === 'grpc') && rule.from?.some((peer) => peer.podSelector && selects(peer.podSelector.matchLabels, gatewayPods)));
      const reachesBackend = (gatewayEgress as PolicyRule[]).some((rule) => rule.ports.some((p) => p.port === grpcPort) && rule.to?.some((peer) => peer.podSelector && selects(peer.podSelector.matchLabels, podLabels(rendered(), backend))));
      expect([backend, admitsGateway, reachesBackend]).toEqual([backend, true, true]);
    }
  });

  it('admits traffic from outside to the gateway only; backends only from omnibox pods', () => {
    for (const backend of BACKENDS) {
      const ingress = rendered().get('NetworkPolicy', `${RELEASE}-${backend}`).spec.ingress;
      for (const rule of ingress) {
        expect(rule.from?.length).toBeGreaterThan(0);
        for (const peer of rule.from) {
          expect(Object.keys(peer)).toEqual(['podSelector']);
          expect(peer.podSelector.matchLabels['app.kubernetes.io/instance']).toBe(RELEASE);
        }
      }
    }
    const gatewayIngress = rendered().get('NetworkPolicy', `${RELEASE}-gateway`).spec.ingress;
    expect(gatewayIngress).toHaveLength(1);
    expect(gatewayIngress[0].ports).toEqual([{ port: 'http', protocol: 'TCP' }]);
  });
});

describe('the chart with default values', () => {
  const rendered = () => renders.get('default values')!;

  it('gives every service an environment its own config validation accepts', () => {
    for (const [service, config] of Object.entries(SERVICES)) {
      expect(() => loadConfig(config, rendered().environment(service))).not.toThrow();
    }
  });

  it('creates the Secret with generated INTERNAL_SECRET and JWT_SECRET long enough for the services', () => {
    const secret = rendered().get('Secret', `${RELEASE}-secrets`);
    const value = (key: string) => Buffer.from(secret.data![key], 'base64').toString('utf8');
    expect(value('INTERNAL_SECRET').length).toBeGreaterThanOrEqual(16);
    expect(value('JWT_SECRET').length).toBeGreaterThanOrEqual(32);
    expect(value('MONGODB_URL')).toMatch(/^mongodb:\/\//);
  });

  it('leaves the gateway reachable from any source (no Ingress unless asked for)', () => {
    const [rule] = rendered().get('NetworkPolicy', `${RELEASE}-gateway`).spec.ingress;
    expect(rule.from).toBeUndefined();
    expect(rendered().all('Ingress')).toEqual([]);
  });
});

describe('the chart with production values', () => {
  const rendered = () => renders.get('production values')!;

  it('reads secrets and engine URLs from the existing Secret and creates none', () => {
    expect(rendered().all('Secret')).toEqual([]);
    for (const service of Object.keys(SERVICES)) {
      for (const variable of rendered().container(service).env) expect(variable.valueFrom.secretKeyRef.name).toBe('omnibox-secrets');
    }
    const conversationsMongo = rendered().container('conversations').env.find((v: { name: string }) => v.name === 'MONGODB_URL');
    expect(conversationsMongo.valueFrom.secretKeyRef.key).toBe('CONVERSATIONS_MONGODB_URL');
  });

  it('scales conversations and search on their event consumers lag as well as CPU', () => {
    for (const service of ['conversations', 'search']) {
      const metrics = rendered().get('HorizontalPodAutoscaler', `${RELEASE}-${service}`).spec.metrics;
      expect(metrics).toContainEqual({ type: 'Pods', pods: { metric: { name: 'nats_consumer_num_pending' }, target: { type: 'AverageValue', averageValue: expect.any(String) } } });
    }
  });

  it('routes the Ingress to the gateway with WebSocket-friendly timeouts and TLS, admitting only the ingress controller', () => {
    const ingress = rendered().get('Ingress', `${RELEASE}-gateway`);
    expect(Number(ingress.metadata.annotations!['nginx.ingress.kubernetes.io/proxy-read-timeout'])).toBeGreaterThanOrEqual(3600);
    expect(Number(ingress.metadata.annotations!['nginx.ingress.kubernetes.io/proxy-send-timeout'])).toBeGreaterThanOrEqual(3600);
    expect(ingress.spec.tls[0].hosts).toContain(ingress.spec.rules[0].host);
    expect(ingress.spec.rules[0].http.paths[0].backend.service).toEqual({ name: `${RELEASE}-gateway`, port: { name: 'http' } });
    const [rule] = rendered().get('NetworkPolicy', `${RELEASE}-gateway`).spec.ingress;
    expect(rule.from).toEqual([{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } } }]);
  });

  it("takes the client's address from the ingress controller's X-Forwarded-For, so per-address rate limits count clients, not the controller", () => {
    // (The default values' render shows the gateway's config accepts it: "an environment its own config validation accepts".)
    expect(rendered().environment('gateway').TRUST_PROXY).toBe('loopback,uniquelocal');
  });

  it('pulls from the private registry', () => {
    for (const service of Object.keys(SERVICES)) expect(rendered().container(service).image).toBe(`registry.example.com/inbox/omnibox-${service}:0.1.0`);
  });
});

describe('operating the chart', () => {
  const annotation = (rendered: Rendered, service: string, key: string) => rendered.get('Deployment', `${RELEASE}-${service}`).spec.template.metadata.annotations[key];

  it('scales one service on its own, leaving the others to their HPA', async () => {
    const rendered = await render('--set', 'search.autoscaling.enabled=false', '--set', 'search.replicaCount=5');
    expect(rendered.get('Deployment', `${RELEASE}-search`).spec.replicas).toBe(5);
    expect(rendered.find('HorizontalPodAutoscaler', `${RELEASE}-search`)).toBeUndefined();
    expect(rendered.find('HorizontalPodAutoscaler', `${RELEASE}-conversations`)).toBeDefined();
    expect(rendered.get('Deployment', `${RELEASE}-conversations`).spec.replicas).toBeUndefined();
  });

  it('restarts every pod when a secret is rotated, and only the changed service when its config changes', async () => {
    const before = renders.get('default values')!;
    const rotated = await render('--set', 'secrets.jwtSecret=a-new-jwt-secret-of-at-least-32-characters');
    const reconfigured = await render('--set', 'search.env.LOG_LEVEL=debug');
    for (const service of Object.keys(SERVICES)) {
      expect(annotation(rotated, service, 'checksum/secret')).not.toBe(annotation(before, service, 'checksum/secret'));
      const changed = annotation(reconfigured, service, 'checksum/config') !== annotation(before, service, 'checksum/config');
      expect(changed).toBe(service === 'search');
    }
    expect(reconfigured.get('ConfigMap', `${RELEASE}-search`).data!.LOG_LEVEL).toBe('debug');
  });

  it.each([
    [['--set', 'gateway.replicaCount=-1'], 'gateway.replicaCount: Must be greater than or equal to 0'],
    [['--set', 'engines.mongodb.url='], 'engines.mongodb.url'],
    [['--set', 'engines.nats.url=null'], 'engines.nats: url is required'],
    [['--set', 'engines.redis.url=http://redis:6379'], 'engines.redis.url: Does not match pattern'],
    [['--set', 'search.replicas=3'], 'search: Additional property replicas is not allowed'],
    [['--set', 'secrets.jwtSecret=too-short'], 'secrets.jwtSecret: String length must be greater than or equal to 32'],
    [['--set', 'conversations.resources.requests.memory=lots'], 'conversations.resources.requests.memory'],
  ])('helm lint rejects %j naming the value', async (args, message) => {
    const result = await helm(['lint', CHART, ...args]);
    expect(result.code).not.toBe(0);
    expect(result.stdout + result.stderr).toContain(message);
  });

  it('needs no engine URL in values when the Secret is managed elsewhere', async () => {
    const result = await helm(['lint', '--strict', CHART, '--set', 'secrets.existingSecret=inbox-secrets', '--set', 'engines.mongodb.url=', '--set', 'engines.redis.url=null']);
    expect(result.stdout + result.stderr).toContain('0 chart(s) failed');
  });

  it.each([
    [['--set', 'calls.autoscaling.minReplicas=4', '--set', 'calls.autoscaling.maxReplicas=3'], 'calls.autoscaling.minReplicas (4) must not exceed calls.autoscaling.maxReplicas (3)'],
    [['--set', 'shutdown.preStopSleepSeconds=50'], 'shutdown.terminationGracePeriodSeconds (45) must be greater than shutdown.preStopSleepSeconds (50)'],
  ])('helm template refuses contradicting values %j', async (args, message) => {
    const result = await helm(['template', RELEASE, CHART, ...args]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain(message);
  });
});
