import { buildHelm, PolicyRule, podLabels, RELEASE, render, Rendered, selects } from './chart';

// The calls service in the chart: its settings (engines, the backends it calls, the object store for
// recordings), egress to messaging providers and to those backends, and those backends admitting it.

const renders = new Map<string, Rendered>();

beforeAll(async () => {
  await buildHelm();
  renders.set('default values', await render());
  renders.set('providers narrowed', await render('--set', 'networkPolicy.providers.ports={443,8443}', '--set', 'networkPolicy.providers.to[0].ipBlock.cidr=203.0.113.0/24'));
}, 600_000);

describe('the calls service in the chart', () => {
  const rendered = () => renders.get('default values')!;
  const egress = (r: Rendered): PolicyRule[] => r.get('NetworkPolicy', `${RELEASE}-calls`).spec.egress;

  it('gets Redis, the object store for recordings and the gRPC addresses of the contacts and conversations services', () => {
    const env = rendered().environment('calls');
    expect(env).toMatchObject({
      REDIS_URL: expect.stringMatching(/^redis:\/\//),
      S3_ENDPOINT: 'http://seaweedfs-s3:8333',
      CONTACTS_GRPC_URL: `${RELEASE}-contacts:50052`,
      CONVERSATIONS_GRPC_URL: `${RELEASE}-conversations:50051`,
      NODE_ENV: 'production',
      MONGODB_DATABASE: 'omnibox_calls',
    });
  });

  it('reaches messaging providers on 443 (call actions, recordings), anywhere unless narrowed in values', () => {
    const toProviders = egress(rendered()).filter((rule) => rule.ports.some((p) => p.port === 443));
    expect(toProviders).toEqual([{ ports: [{ port: 443, protocol: 'TCP' }] }]);
    const narrowed = egress(renders.get('providers narrowed')!).find((rule) => rule.ports.some((p) => p.port === 8443));
    expect(narrowed).toEqual({ ports: [{ port: 443, protocol: 'TCP' }, { port: 8443, protocol: 'TCP' }], to: [{ ipBlock: { cidr: '203.0.113.0/24' } }] });
    // The backends that reach no provider have no rule for them (notifications' 443 is its push-services rule, checked apart).
    for (const service of ['contacts', 'search']) {
      const rules: PolicyRule[] = rendered().get('NetworkPolicy', `${RELEASE}-${service}`).spec.egress;
      expect([service, rules.some((rule) => rule.ports.some((p) => p.port === 443))]).toEqual([service, false]);
    }
  });

  it('may call the contacts and conversations services, which admit its pods on their gRPC port', () => {
    for (const backend of ['contacts', 'conversations']) {
      const grpcPort = Number(rendered().environment(backend).GRPC_PORT);
      const reaches = egress(rendered()).some((rule) => rule.ports.some((p) => p.port === grpcPort) && rule.to?.some((peer) => peer.podSelector && selects(peer.podSelector.matchLabels, podLabels(rendered(), backend))));
      const ingress: PolicyRule[] = rendered().get('NetworkPolicy', `${RELEASE}-${backend}`).spec.ingress;
      const admits = ingress.some((rule) => rule.from?.some((peer) => peer.podSelector && selects(peer.podSelector.matchLabels, podLabels(rendered(), 'calls'))));
      expect([backend, reaches, admits]).toEqual([backend, true, true]);
    }
  });
});
