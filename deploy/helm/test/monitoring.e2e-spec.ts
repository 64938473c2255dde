import { buildHelm, CHART, containerPort, helm, metricsPort, NAMESPACE, PolicyRule, PRODUCTION, RELEASE, render, Rendered, selects, SERVICES } from './chart';
import { Alert, alertsOf, buildPromql, checkRules, GRAFANA, portsAdmitted, PROMETHEUS, registeredSeries } from './monitoring';

// The chart's monitoring as ARCHITECTURE.md "Operations" asks for it: every service's GET /metrics
// scraped by a ServiceMonitor on the port the service really serves it on (read from the environment
// the chart gives the code), Prometheus admitted there and nowhere else, and alert rules that parse
// with Prometheus's own parser and read only series the code registers; traces sent to the collector
// given in values.

const renders = new Map<string, Rendered>();
const rendered = (label: string) => renders.get(label)!;
const EXPECTED_ALERTS = [
  'OmniboxConsumerLagHigh',
  'OmniboxEventsParked',
  'OmniboxGatewayErrorRatioHigh',
  'OmniboxGrpcErrorRatioHigh',
  'OmniboxHttpLatencyHigh',
  'OmniboxOutboxNotDraining',
  'OmniboxServiceDown',
  'OmniboxTargetDown',
  'OmniboxPodRestarting',
];

const COLLECTOR = 'http://otel-collector.monitoring:4318';

beforeAll(async () => {
  await Promise.all([buildHelm(), buildPromql()]);
  renders.set('default', await render());
  renders.set('production', await render('-f', PRODUCTION));
  renders.set('scraped from anywhere', await render('--set', 'metrics.serviceMonitor.enabled=true'));
  renders.set('traced', await render('--set', `tracing.otlpEndpoint=${COLLECTOR}`, '--set', 'networkPolicy.otlp.to[0].namespaceSelector.matchLabels.kubernetes\\.io/metadata\\.name=monitoring'));
  renders.set(
    'tuned',
    await render(
      '-f', PRODUCTION,
      '--set', 'metrics.serviceMonitor.namespace=monitoring', '--set', 'metrics.serviceMonitor.interval=15s',
      '--set', 'metrics.prometheusRule.namespace=monitoring',
      '--set', 'metrics.prometheusRule.alerts.consumerLag.threshold=2500000', '--set', 'metrics.prometheusRule.alerts.consumerLag.for=20m',
      '--set-json', 'metrics.prometheusRule.alerts.gatewayErrors.ratio=0.1', '--set', 'metrics.prometheusRule.alerts.restarts.window=2h',
      '--set', 'metrics.prometheusRule.alerts.targetDown.enabled=false',
      '--set', 'search.autoscaling.enabled=false', '--set', 'search.replicaCount=0',
    ),
  );
}, 600_000);

describe('with default values', () => {
  it('renders no ServiceMonitor, PrometheusRule or scraping policy', () => {
    expect(rendered('default').all('ServiceMonitor')).toEqual([]);
    expect(rendered('default').all('PrometheusRule')).toEqual([]);
    expect(rendered('default').all('NetworkPolicy').map((policy) => policy.metadata.name).sort()).toEqual(Object.keys(SERVICES).map((service) => `${RELEASE}-${service}`).sort());
  });

  it('serves the gateway metrics on an admin port of its own, on its Service, and admits no one there', () => {
    const port = metricsPort(rendered('default'), 'gateway');
    expect(port).toBeGreaterThan(0);
    expect(port).not.toBe(Number(rendered('default').environment('gateway').GATEWAY_PORT));
    expect(containerPort(rendered('default'), 'gateway', 'metrics')).toBe(port);
    const service = rendered('default').get('Service', `${RELEASE}-gateway`);
    expect(service.spec.ports).toContainEqual(expect.objectContaining({ name: 'metrics', port, targetPort: 'metrics' }));
    expect(portsAdmitted(rendered('default'), 'gateway', PROMETHEUS)).not.toContain(port);
  });
});

describe.each(['production', 'tuned'])('scraping with %s values', (label) => {
  it('scrapes every service on the port where it serves /metrics, and no Service on another port', () => {
    const monitors = rendered(label).all('ServiceMonitor');
    for (const service of Object.keys(SERVICES)) {
      const own = rendered(label).get('Service', `${RELEASE}-${service}`);
      const scraping = monitors.filter((monitor) => monitor.spec.namespaceSelector.matchNames.includes(NAMESPACE) && selects(monitor.spec.selector.matchLabels, own.metadata.labels!));
      const endpoints = scraping.flatMap((monitor) => monitor.spec.endpoints);
      const scrapedPorts = endpoints.map((endpoint: { port: string }) => {
        const servicePort = own.spec.ports.find((p: { name: string }) => p.name === endpoint.port);
        return containerPort(rendered(label), service, servicePort.targetPort);
      });
      expect([service, scrapedPorts]).toEqual([service, [metricsPort(rendered(label), service)]]);
      expect(endpoints[0].path).toBe('/metrics');
    }
  });

  it('admits Prometheus to each service on its metrics port only, and no other pod of its namespace', () => {
    for (const service of Object.keys(SERVICES)) {
      expect([service, portsAdmitted(rendered(label), service, PROMETHEUS)]).toEqual([service, [metricsPort(rendered(label), service)]]);
      expect([service, portsAdmitted(rendered(label), service, GRAFANA)]).toEqual([service, []]);
    }
  });

  it('labels the ServiceMonitors and the PrometheusRule for the Prometheus that selects them, and routes every alert by alertLabels', () => {
    for (const monitor of rendered(label).all('ServiceMonitor')) expect(monitor.metadata.labels!.release).toBe('kube-prometheus-stack');
    const [rule] = rendered(label).all('PrometheusRule');
    expect(rule.metadata.labels!.release).toBe('kube-prometheus-stack');
    for (const alert of alertsOf(rule)) expect(alert.labels.team).toBe('inbox');
  });
});

describe('scraping', () => {
  it('admits any source on the metrics port when networkPolicy.metricsFrom is empty', () => {
    const open = rendered('scraped from anywhere');
    for (const service of Object.keys(SERVICES)) {
      const policy = open.get('NetworkPolicy', `${RELEASE}-${service}-metrics`);
      expect(policy.spec.ingress).toHaveLength(1);
      expect(policy.spec.ingress[0].from).toBeUndefined();
      expect(policy.spec.ingress[0].ports.map((p: { port: string }) => containerPort(open, service, p.port))).toEqual([metricsPort(open, service)]);
    }
  });

  it('puts the ServiceMonitors and the PrometheusRule in the namespace from values, still scraping the release namespace every interval from values', () => {
    for (const monitor of rendered('tuned').all('ServiceMonitor')) {
      expect(monitor.metadata).toMatchObject({ namespace: 'monitoring' });
      expect(monitor.spec.namespaceSelector.matchNames).toEqual([NAMESPACE]);
      expect(monitor.spec.endpoints[0].interval).toBe('15s');
    }
    expect(rendered('tuned').get('PrometheusRule', `${RELEASE}-alerts`).metadata).toMatchObject({ namespace: 'monitoring' });
  });
});

describe('alert rules', () => {
  const alerts = (label = 'production') => alertsOf(rendered(label).get('PrometheusRule', `${RELEASE}-alerts`));
  const alert = (name: string, label = 'production') => alerts(label).find((a) => a.alert === name) as Alert;

  it('warn of consumer lag, parked events, gateway 5xx, gRPC errors, p99 latency, the outbox backlog, services down and restarts', () => {
    expect(alerts().map((a) => a.alert)).toEqual(EXPECTED_ALERTS);
  });

  it('each carry a severity, a summary and a description', () => {
    for (const a of alerts()) {
      expect([a.alert, a.labels.severity]).toEqual([a.alert, expect.stringMatching(/^(critical|warning)$/)]);
      expect([a.alert, a.annotations.summary?.length > 10, a.annotations.description?.length > 40]).toEqual([a.alert, true, true]);
    }
  });

  it('parse with Prometheus own parser and read only series the services register, up and kube-state-metrics restarts', async () => {
    const known = new Set([...(await registeredSeries()), 'up', 'kube_pod_container_status_restarts_total']);
    const { expressions } = await checkRules(alerts().map((a) => a.expr), []);
    expressions.forEach((checked, i) => {
      const name = alerts()[i].alert;
      expect([name, checked.error]).toEqual([name, undefined]);
      expect([name, checked.metrics.filter((metric) => !known.has(metric))]).toEqual([name, []]);
      // Only this release's series: every selector names the release's namespace.
      expect([name, checked.selectors.filter((selector) => !selector.includes(`namespace="${NAMESPACE}"`))]).toEqual([name, []]);
    });
  });

  it('have annotations Prometheus expands, with its $labels and $value rather than Helm leftovers', async () => {
    const texts = alerts().flatMap((a) => [a.annotations.summary, a.annotations.description]);
    const { templates } = await checkRules([], texts);
    templates.forEach((error, i) => expect([texts[i], error]).toEqual([texts[i], '']));
    expect(texts.join('\n')).toContain('{{ $labels.job }}');
    expect(texts.join('\n')).not.toMatch(/\{\{ "|" \}\}/);
  });

  it('select the ServiceMonitors jobs: namespace and <release>-<service>', () => {
    expect(alert('OmniboxGatewayErrorRatioHigh').expr).toContain(`job="${RELEASE}-gateway"`);
    for (const service of Object.keys(SERVICES)) expect(alert('OmniboxServiceDown').expr).toContain(`absent(up{namespace="${NAMESPACE}", job="${RELEASE}-${service}"})`);
  });

  it('take thresholds, durations and windows from values, and leave out the alerts turned off', () => {
    expect(alert('OmniboxConsumerLagHigh', 'tuned')).toMatchObject({ expr: expect.stringMatching(/\) > 2500000$/), for: '20m' });
    expect(alert('OmniboxGatewayErrorRatioHigh', 'tuned').expr).toMatch(/> 0\.1$/);
    expect(alert('OmniboxPodRestarting', 'tuned').expr).toContain('[2h])');
    expect(alerts('tuned').map((a) => a.alert)).not.toContain('OmniboxTargetDown');
  });

  it('do not call a service scaled to zero on purpose down', () => {
    expect(alert('OmniboxServiceDown', 'tuned').expr).not.toContain(`job="${RELEASE}-search"})`);
  });
});

describe('traces', () => {
  const otlpRules = (label: string, service: string): PolicyRule[] => rendered(label).get('NetworkPolicy', `${RELEASE}-${service}`).spec.egress.filter((rule: PolicyRule) => rule.ports.some((p) => p.port === 4318));

  it('go from every service to tracing.otlpEndpoint, through egress opened to the collector only then', () => {
    for (const service of Object.keys(SERVICES)) {
      expect([service, rendered('traced').environment(service).OTEL_EXPORTER_OTLP_ENDPOINT]).toEqual([service, COLLECTOR]);
      expect([service, otlpRules('traced', service)]).toEqual([service, [{ ports: [{ port: 4318, protocol: 'TCP' }], to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } }] }]]);
      expect([service, rendered('default').environment(service).OTEL_EXPORTER_OTLP_ENDPOINT, otlpRules('default', service)]).toEqual([service, undefined, []]);
    }
  });
});

describe('monitoring values', () => {
  it.each([
    [['--set', 'gateway.ports.metrics=70000'], 'gateway.ports.metrics: Must be less than or equal to 65535'],
    [['--set', 'networkPolicy.metricsFrom=monitoring'], 'networkPolicy.metricsFrom: Invalid type'],
    [['--set', 'metrics.serviceMonitor.interval=soon'], 'metrics.serviceMonitor.interval: Does not match pattern'],
    [['--set', 'metrics.serviceMonitor.intervall=30s'], 'metrics.serviceMonitor: Additional property intervall is not allowed'],
    [['--set', 'metrics.serviceMonitor.namespace=Monitoring'], 'metrics.serviceMonitor.namespace: Does not match pattern'],
    [['--set', 'metrics.prometheusRule.alerts.consumerLag.severity=urgent'], 'metrics.prometheusRule.alerts.consumerLag.severity must be one of the following'],
    [['--set', 'metrics.prometheusRule.alerts.gatewayErrors.ratio=5'], 'metrics.prometheusRule.alerts.gatewayErrors.ratio: Must be less than or equal to 1'],
    [['--set', 'metrics.prometheusRule.alerts.restarts.threshold=-1'], 'metrics.prometheusRule.alerts.restarts.threshold: Must be greater than or equal to 0'],
    [['--set', 'metrics.prometheusRule.alerts.outboxBacklog.for=null'], 'metrics.prometheusRule.alerts.outboxBacklog: for is required'],
    [['--set', 'tracing.otlpEndpoint=otel-collector:4318'], 'tracing.otlpEndpoint: Does not match pattern'],
  ])('helm lint rejects %j naming the value', async (args, message) => {
    const result = await helm(['lint', CHART, ...args]);
    expect(result.code).not.toBe(0);
    expect(result.stdout + result.stderr).toContain(message);
  });

  it.each([
    [['--set', 'gateway.ports.metrics=3000'], 'gateway.ports.metrics (3000) must differ from gateway.ports.http (3000)'],
    [['--set', 'metrics.prometheusRule.enabled=true'], 'metrics.prometheusRule.enabled needs metrics.serviceMonitor.enabled'],
  ])('helm template refuses contradicting values %j', async (args, message) => {
    const result = await helm(['template', RELEASE, CHART, ...args]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain(message);
  });
});
