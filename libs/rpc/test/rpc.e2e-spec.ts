import { Controller, Module } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import { CallerScope, HealthDefinition } from '@omnibox/contracts';
import { AppError, createLogger, DEPENDENCY_CHECKS } from '@omnibox/platform';
import { Caller, GrpcClient, GrpcHealthController, HEALTH_CONTRACT, startBackendApp } from '@omnibox/rpc';
import { INestApplication } from '@nestjs/common';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { freePort } = require('../../../tools/engines/engines.js');

const SECRET = 'rpc-test-internal-secret';
const caller: CallerScope = { workspaceId: 'w1', principalId: 'u1', kind: 'user', role: 'agent', restriction: 'team', teamIds: ['t1', 't2'], teamMemberIds: ['u1', 'u7'], canViewBlocked: false, correlationId: 'corr-1' };

let engineUp = true;
const seen: CallerScope[] = [];

/** A stand-in handler on the standard health contract that also records who called. */
@Controller()
class RecordingHealthController extends GrpcHealthController {
  @GrpcMethod('Health', 'Check')
  override async check(@Payload() _request?: unknown, @Caller() who?: CallerScope) {
    seen.push(who!);
    if (who!.restriction === 'self') throw new AppError(404, 'not_found', 'Thread was not found');
    return super.check();
  }
}

@Module({
  controllers: [RecordingHealthController],
  providers: [{ provide: DEPENDENCY_CHECKS, useValue: [{ name: 'fake-engine', check: async () => { if (!engineUp) throw new Error('down'); } }] }],
})
class RpcTestModule {}

describe('gRPC between gateway and services', () => {
  let app: INestApplication;
  let url: string;

  beforeAll(async () => {
    const [httpPort, grpcPort] = [await freePort(), await freePort()];
    app = await startBackendApp({ module: RpcTestModule }, {
      logger: createLogger('rpc-test', 'silent'),
      http: { host: '127.0.0.1', port: httpPort },
      grpc: { host: '127.0.0.1', port: grpcPort, contracts: [], secrets: [SECRET] },
    });
    url = `127.0.0.1:${grpcPort}`;
  });
  afterAll(() => app?.close());

  const client = (secret = SECRET, target = url) => new GrpcClient<HealthDefinition>({ contract: HEALTH_CONTRACT, service: 'Health', url: target, secret, displayName: 'test service' });

  it('carries the caller identity and visibility scope to the service', async () => {
    const answer = await client().call('Check', { service: '' }, caller);
    expect(answer.status).toBe('SERVING');
    expect(seen.at(-1)).toEqual(caller);
  });

  it('a scope not signed with the internal secret is refused as 401', async () => {
    await expect(client('some-other-secret-value').call('Check', {}, caller)).rejects.toMatchObject({ status: 401, code: 'caller_forged' });
  });

  it('an error raised in the service reaches the gateway as the same API error', async () => {
    await expect(client().call('Check', {}, { ...caller, restriction: 'self' })).rejects.toMatchObject({ status: 404, code: 'not_found', message: 'Thread was not found' });
  });

  it('grpc.health.v1 reports NOT_SERVING while an engine of the service is down', async () => {
    engineUp = false;
    try {
      expect((await client().call('Check', {}, caller)).status).toBe('NOT_SERVING');
    } finally {
      engineUp = true;
    }
  });

  it('a service that cannot be reached is a 503 naming it', async () => {
    const nowhere = `127.0.0.1:${await freePort()}`;
    await expect(client(SECRET, nowhere).call('Check', {}, caller, 800)).rejects.toMatchObject({ status: 503, details: { dependency: 'test service' } });
  });
});
