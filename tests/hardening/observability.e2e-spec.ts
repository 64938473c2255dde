import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { bearer, eventually, isolatedEnv, sharedEngineUrls, uniqueName } from '@omnibox/testing';
import { incomingText, postProviderEvent } from '../support/fake-provider';
import { ServiceProcess, startServiceProcess } from '../support/service-process';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { freePort } = require('../../tools/engines/engines.js');

interface ExportedSpan {
  service: string;
  traceId: string;
  name: string;
}

/** A loopback OTLP/HTTP receiver: what a collector would get from each service. */
async function startOtlpReceiver(): Promise<{ url: string; spans: ExportedSpan[]; close(): Promise<void> }> {
  const spans: ExportedSpan[] = [];
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk) => (raw += chunk));
    req.on('end', () => {
      const body = JSON.parse(raw) as { resourceSpans: Array<{ resource: { attributes: Array<{ key: string; value: { stringValue?: string } }> }; scopeSpans: Array<{ spans: Array<{ traceId: string; name: string }> }> }> };
      for (const resourceSpans of body.resourceSpans ?? []) {
        const service = resourceSpans.resource.attributes.find((attribute) => attribute.key === 'service.name')?.value.stringValue ?? '?';
        for (const scope of resourceSpans.scopeSpans) for (const span of scope.spans) spans.push({ service, traceId: span.traceId, name: span.name });
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, spans, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** Issue #18: operators see metrics on every service and one trace across services per request. */
describe('metrics and traces across services', () => {
  const namespace = uniqueName('ob');
  const engines = { NATS_URL: sharedEngineUrls.NATS_URL, REDIS_URL: sharedEngineUrls.REDIS_URL, MONGODB_URL: sharedEngineUrls.MONGODB_URL };
  let otlp: Awaited<ReturnType<typeof startOtlpReceiver>>;
  const processes: ServiceProcess[] = [];
  let gatewayUrl: string;
  let conversationsHealth: string;
  let gatewayAdmin: string;
  let ownerToken: string;
  let channelId: string;

  beforeAll(async () => {
    otlp = await startOtlpReceiver();
    const base = { ...isolatedEnv(namespace), ...engines, OTEL_EXPORTER_OTLP_ENDPOINT: otlp.url, LOG_LEVEL: 'silent' };
    const [contactsHttp, contactsGrpc, conversationsHttp, conversationsGrpc, gatewayPort, adminPort] = await Promise.all([freePort(), freePort(), freePort(), freePort(), freePort(), freePort()]);
    gatewayAdmin = `http://127.0.0.1:${adminPort}`;
    processes.push(await startServiceProcess('contacts', { ...base, GRPC_PORT: String(contactsGrpc), MONGODB_DATABASE: `${namespace}_contacts` }, contactsHttp));
    processes.push(
      await startServiceProcess('conversations', { ...base, GRPC_PORT: String(conversationsGrpc), CONTACTS_GRPC_URL: `127.0.0.1:${contactsGrpc}`, MONGODB_DATABASE: `${namespace}_conversations` }, conversationsHttp),
    );
    processes.push(
      await startServiceProcess(
        'gateway',
        { ...base, CONTACTS_GRPC_URL: `127.0.0.1:${contactsGrpc}`, CONVERSATIONS_GRPC_URL: `127.0.0.1:${conversationsGrpc}`, SEARCH_GRPC_URL: '127.0.0.1:1', MONGODB_DATABASE: `${namespace}_gateway`, GATEWAY_METRICS_PORT: String(adminPort) },
        gatewayPort,
      ),
    );
    gatewayUrl = `http://127.0.0.1:${gatewayPort}`;
    conversationsHealth = `http://127.0.0.1:${conversationsHttp}`;
  });
  afterAll(async () => {
    for (const service of processes) service.kill('SIGTERM');
    await Promise.all(processes.map((service) => service.exited));
    await otlp?.close();
  });

  it('one inbound message leaves spans in the gateway, conversations and contacts that share one trace id', async () => {
    const owner = await (await fetch(`${gatewayUrl}/v1/workspaces`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Traced Co', owner: { firstName: 'Tia', email: `tia.${namespace}@example.com`, password: 'tia-password-1' } }) })).json() as { token: string };
    const channel = (await (await fetch(`${gatewayUrl}/v1/channels`, { method: 'POST', headers: { 'content-type': 'application/json', ...bearer(owner.token) }, body: JSON.stringify({ type: 'api', name: 'API' }) })).json()) as { id: string; secret: string; type: string };
    [ownerToken, channelId] = [owner.token, channel.id];
    expect(await postProviderEvent(gatewayUrl, channel, incomingText(`traced-${namespace}`, 'follow me'))).toBe(202);
    const trace = await eventually(() => {
      const ingress = otlp.spans.find((span) => span.service === 'gateway' && span.name.includes('/v1/channels/:channelId/events'));
      if (!ingress) return null;
      const services = new Set(otlp.spans.filter((span) => span.traceId === ingress.traceId).map((span) => span.service));
      return services.has('conversations') && services.has('contacts') ? { traceId: ingress.traceId, services } : null;
    }, 'spans of the three services in one trace', 20_000);
    expect([...trace.services].sort()).toEqual(['contacts', 'conversations', 'gateway']);
  });

  it('a backend service shows request histograms and consumer counts on its health port, and they move when messages flow', async () => {
    const found = (await (await fetch(`${gatewayUrl}/v1/contacts?channelId=${channelId}&externalId=traced-${namespace}`, { headers: bearer(ownerToken) })).json()) as { items: Array<{ id: string }> };
    const read = await fetch(`${gatewayUrl}/v1/conversations/${found.items[0].id}`, { headers: bearer(ownerToken) });
    expect(read.status).toBe(200);
    const text = await (await fetch(`${conversationsHealth}/metrics`)).text();
    // Served calls are labelled like the gateway's client calls: the proto service and method.
    expect(text).toMatch(/grpc_server_handling_seconds_count\{service="Conversations",method="GetConversation",code="OK"\} [1-9]/);
    expect(text).toMatch(/events_consumed_total\{consumer="conversations-ingress",outcome="handled"\} [1-9]/);
    expect(text).toMatch(/consumer_lag_messages\{consumer="conversations-ingress"\} \d+/);
    expect(text).toMatch(/process_cpu_seconds_total/);
    // The gateway's own, on its admin port; the public API port never serves metrics.
    const gateway = await (await fetch(`${gatewayAdmin}/metrics`)).text();
    expect(gateway).toMatch(/http_request_duration_seconds_count\{method="GET",route="\/v1\/conversations\/:contactId",status="200"\} 1/);
    expect(gateway).toMatch(/grpc_client_handling_seconds_count\{service="Conversations",method="GetConversation",code="0"\} 1/);
    expect((await fetch(`${gatewayUrl}/metrics`)).status).toBe(404);
  });
});
