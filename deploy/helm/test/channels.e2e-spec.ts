import { buildHelm, PolicyRule, RELEASE, render, Rendered } from './chart';

// The real channels in the chart: the gateway's SMTP listener (off unless asked for), the gateway's
// public address for Telegram webhooks, egress to providers and SMTP relays, and the key that seals
// channel credentials, shared by the three services that use them.

const renders = new Map<string, Rendered>();

beforeAll(async () => {
  await buildHelm();
  renders.set('default values', await render());
  renders.set('smtp on', await render('--set', 'gateway.smtp.enabled=true', '--set', 'gateway.smtp.port=2525', '--set', 'gateway.publicApiUrl=https://api.example.com', '--set', 'networkPolicy.smtpFrom[0].ipBlock.cidr=198.51.100.0/24'));
  renders.set('existing secret', await render('--set', 'secrets.existingSecret=inbox-secrets'));
}, 600_000);

const egress = (r: Rendered, service: string): PolicyRule[] => r.get('NetworkPolicy', `${RELEASE}-${service}`).spec.egress;
const hasPort = (rules: PolicyRule[], port: number) => rules.some((rule) => rule.ports.some((p) => p.port === port));

describe('the real channels in the chart', () => {
  it('the SMTP listener is off by default: no port, no variable, the gateway admits HTTP only', () => {
    const rendered = renders.get('default values')!;
    expect(rendered.environment('gateway').SMTP_INGRESS_PORT).toBeUndefined();
    // http for the API, metrics for Prometheus; no smtp.
    expect(rendered.container('gateway').ports.map((p: { name: string }) => p.name)).toEqual(['http', 'metrics']);
  });

  it('with gateway.smtp on, the listener gets its port on the pod and the Service, binds the pod\'s interfaces, and admits the peers given', () => {
    const rendered = renders.get('smtp on')!;
    expect(rendered.environment('gateway')).toMatchObject({ SMTP_INGRESS_PORT: '2525', SMTP_INGRESS_HOST: '0.0.0.0', SMTP_MAX_BYTES: '26214400', PUBLIC_API_URL: 'https://api.example.com' });
    expect(rendered.container('gateway').ports).toContainEqual({ name: 'smtp', containerPort: 2525, protocol: 'TCP' });
    expect(rendered.get('Service', `${RELEASE}-gateway`).spec.ports).toContainEqual({ name: 'smtp', port: 2525, targetPort: 'smtp', protocol: 'TCP' });
    const ingress = rendered.get('NetworkPolicy', `${RELEASE}-gateway`).spec.ingress;
    expect(ingress).toContainEqual({ ports: [{ port: 'smtp', protocol: 'TCP' }], from: [{ ipBlock: { cidr: '198.51.100.0/24' } }] });
  });

  it('the gateway and conversations reach messaging providers; only conversations reaches SMTP relays', () => {
    const rendered = renders.get('default values')!;
    for (const service of ['gateway', 'conversations', 'calls']) expect([service, hasPort(egress(rendered, service), 443)]).toEqual([service, true]);
    expect(egress(rendered, 'conversations')).toContainEqual({ ports: [25, 465, 587].map((port) => ({ port, protocol: 'TCP' })) });
    for (const service of ['gateway', 'contacts', 'search', 'calls', 'notifications']) expect([service, hasPort(egress(rendered, service), 587)]).toEqual([service, false]);
  });

  it('one generated key seals channel credentials for the gateway, conversations and calls, and only for them', () => {
    const rendered = renders.get('default values')!;
    const key = rendered.environment('gateway').CHANNEL_CREDENTIALS_KEY;
    expect(key.length).toBeGreaterThanOrEqual(16);
    expect(rendered.environment('conversations').CHANNEL_CREDENTIALS_KEY).toBe(key);
    expect(rendered.environment('calls').CHANNEL_CREDENTIALS_KEY).toBe(key);
    for (const service of ['contacts', 'search', 'notifications']) expect([service, rendered.environment(service).CHANNEL_CREDENTIALS_KEY]).toEqual([service, undefined]);
  });

  it('with an existing Secret the key is optional there (the services then derive one from INTERNAL_SECRET)', () => {
    const variable = renders.get('existing secret')!.container('conversations').env.find((v: { name: string }) => v.name === 'CHANNEL_CREDENTIALS_KEY');
    expect(variable.valueFrom.secretKeyRef).toEqual({ name: 'inbox-secrets', key: 'CHANNEL_CREDENTIALS_KEY', optional: true });
  });
});
