import { INestApplication } from '@nestjs/common';
import { CallUpdated } from '@omnibox/contracts';
import { loadConfig } from '@omnibox/platform';
import { startCalls } from '../../services/calls/src/app';
import { CallsConfig } from '../../services/calls/src/config';
import { CallsWorld, startCallsWorld } from './calls-world';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { freePort } = require('../../tools/engines/engines.js');

/**
 * CAL-2 with several replicas: a call still ringing or ongoing at the workspace's maximum duration ends
 * by itself as `max_duration`, exactly once, whichever of the three replicas gets there first.
 */
describe('the maximum call duration with several replicas (CAL-2)', () => {
  let world: CallsWorld;
  const replicas: INestApplication[] = [];

  beforeAll(async () => {
    world = await startCallsWorld({ CALL_TIMER_POLL_MS: '100' });
    for (let i = 0; i < 2; i++) {
      const config = loadConfig(CallsConfig, {
        ...world.platform.env,
        HTTP_PORT: String(await freePort()),
        GRPC_PORT: String(await freePort()),
        MONGODB_DATABASE: `${world.platform.env.MONGODB_DATABASE_PREFIX}_calls`,
      });
      replicas.push(await startCalls(config));
    }
    await world.settings({ calls: { maxDurationSeconds: 5 } });
  }, 180000);

  afterAll(async () => {
    await Promise.allSettled(replicas.map((app) => app.close()));
    await world?.stop();
  });

  it('CAL-2: a call ringing past the maximum duration ends as max_duration, once, and the provider is told once', async () => {
    const providerCallId = world.nextId();
    const rang = Date.now();
    await world.callEvent(`max-${providerCallId}`, providerCallId, 'ringing');
    const call = await world.callOf(providerCallId, (c) => c.status === 'ended', 'the call ended by itself');
    expect(call).toMatchObject({ status: 'ended', endReason: 'max_duration', durationSeconds: 0 });
    expect(Date.parse(call.endedAt) - Date.parse(call.startedAt)).toBe(5000);
    expect(Date.now() - rang).toBeGreaterThanOrEqual(4500);
    // Every replica polled meanwhile: still one end, announced once, sent to the provider once.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const ends = world.events.filter((event) => CallUpdated.is(event) && event.data.call.id === call.id && event.data.call.endReason === 'max_duration' && event.data.changed.includes('status'));
    expect(ends).toHaveLength(1);
    expect(world.provider.calls.filter((sent) => sent.body.action === 'end' && sent.body.callId === call.id)).toHaveLength(1);
  });

  it('CAL-2: an ongoing call at the maximum ends too, its talk time counted up to the maximum', async () => {
    const providerCallId = world.nextId();
    await world.callEvent(`max-talk-${providerCallId}`, providerCallId, 'ringing');
    const ringing = await world.callOf(providerCallId);
    await world.post('ana', `/v1/calls/${ringing.id}/answer`).expect(200);
    const call = await world.callOf(providerCallId, (c) => c.status === 'ended', 'the ongoing call ended by itself');
    expect(call.endReason).toBe('max_duration');
    expect(call.durationSeconds).toBe(Math.round((Date.parse(call.endedAt) - Date.parse(call.answeredAt)) / 1000));
    expect(call.durationSeconds).toBeLessThanOrEqual(5);
    // A provider event arriving after the end changes nothing.
    await world.callEvent(`max-talk-${providerCallId}`, providerCallId, 'ended');
    await world.settled();
    expect((await world.get('olivia', `/v1/calls/${call.id}`)).body).toMatchObject({ endReason: 'max_duration', endedAt: call.endedAt });
  });
});
