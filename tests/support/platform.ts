import { INestApplication } from '@nestjs/common';
import { ClassConstructor } from 'class-transformer';
import { loadConfig } from '@omnibox/platform';
import { isolatedEnv, sharedEngineUrls, uniqueName } from '@omnibox/testing';
import webpush from 'web-push';
import { createGateway } from '../../services/gateway/src/app';
import { GatewayConfig } from '../../services/gateway/src/config';
import { startCalls } from '../../services/calls/src/app';
import { CallsConfig } from '../../services/calls/src/config';
import { startContacts } from '../../services/contacts/src/app';
import { ContactsConfig } from '../../services/contacts/src/config';
import { startConversations } from '../../services/conversations/src/app';
import { ConversationsConfig } from '../../services/conversations/src/config';
import { startNotifications } from '../../services/notifications/src/app';
import { NotificationsConfig } from '../../services/notifications/src/config';
import { startSearch } from '../../services/search/src/app';
import { SearchConfig } from '../../services/search/src/config';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { freePort } = require('../../tools/engines/engines.js');

export type ServiceName = 'gateway' | 'conversations' | 'contacts' | 'search' | 'calls' | 'notifications';

export interface EngineUrls {
  NATS_URL?: string;
  REDIS_URL?: string;
  MONGODB_URL?: string;
  ELASTICSEARCH_URL?: string;
  /** The object store (the run's SeaweedFS unless given, e.g. a private one a test kills). */
  S3_ENDPOINT?: string;
  S3_REGION?: string;
  S3_ACCESS_KEY_ID?: string;
  S3_SECRET_ACCESS_KEY?: string;
}

/**
 * The run's object store, for the services that keep files (the bucket is the test file's own, from
 * `isolatedEnv`), and the `test` profile: downloads of provider files may reach loopback.
 */
export function storageEnv(): Record<string, string> {
  if (!process.env.TEST_S3_ENDPOINT) return {};
  const { S3_ENDPOINT, S3_REGION, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY } = sharedEngineUrls;
  return { S3_ENDPOINT, S3_REGION, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY };
}

export interface RunningService {
  name: ServiceName;
  app: INestApplication;
  /** Base URL of its HTTP server (the public API for the gateway, health for the others). */
  url: string;
}

export interface RunningPlatform {
  gatewayUrl: string;
  services: Partial<Record<ServiceName, RunningService>>;
  env: Record<string, string>;
  stop(): Promise<void>;
}


type Starter = { config: ClassConstructor<object>; start: (config: never) => Promise<INestApplication> };

const BACKENDS: Record<Exclude<ServiceName, 'gateway'>, Starter> = {
  conversations: { config: ConversationsConfig, start: startConversations as Starter['start'] },
  contacts: { config: ContactsConfig, start: startContacts as Starter['start'] },
  search: { config: SearchConfig, start: startSearch as Starter['start'] },
  calls: { config: CallsConfig, start: startCalls as Starter['start'] },
  notifications: { config: NotificationsConfig, start: startNotifications as Starter['start'] },
};

/**
 * Boots the real services in this process, on the given engines, each with its own database and the
 * test's own event stream, on free ports. The gateway is reached over real HTTP.
 */
export async function startPlatform(
  engines: EngineUrls,
  names: ServiceName[] = ['gateway'],
  namespace = uniqueName(),
  /** More variables, e.g. the gRPC address of a service a test runs in a process of its own. */
  extraEnv: Record<string, string> = {},
): Promise<RunningPlatform> {
  const base = isolatedEnv(namespace);
  // The notifications service's VAPID identity, and loopback push endpoints allowed (a stand-in push service runs there).
  const vapid = webpush.generateVAPIDKeys();
  const pushEnv = { VAPID_PUBLIC_KEY: vapid.publicKey, VAPID_PRIVATE_KEY: vapid.privateKey, VAPID_SUBJECT: 'mailto:tests@example.com' };
  const env: Record<string, string> = { ...base, ...pushEnv, ...storageEnv(), ...(engines as Record<string, string>), ...extraEnv };
  const services: RunningPlatform['services'] = {};
  const started: INestApplication[] = [];
  try {
    for (const name of names.filter((n) => n !== 'gateway') as Array<keyof typeof BACKENDS>) {
      const [httpPort, grpcPort] = [await freePort(), await freePort()];
      const config = loadConfig(BACKENDS[name].config, {
        ...env,
        HTTP_PORT: String(httpPort),
        GRPC_PORT: String(grpcPort),
        MONGODB_DATABASE: `${base.MONGODB_DATABASE_PREFIX}_${name}`,
      });
      const app = await BACKENDS[name].start(config as never);
      started.push(app);
      services[name] = { name, app, url: `http://127.0.0.1:${httpPort}` };
      env[`${name.toUpperCase()}_GRPC_URL`] = `127.0.0.1:${grpcPort}`;
    }
    if (names.includes('gateway')) {
      const config = loadConfig(GatewayConfig, { ...env, MONGODB_DATABASE: `${base.MONGODB_DATABASE_PREFIX}_gateway` });
      const app = await createGateway(config);
      await app.listen(0, '127.0.0.1');
      started.push(app);
      const address = app.getHttpServer().address() as { port: number };
      services.gateway = { name: 'gateway', app, url: `http://127.0.0.1:${address.port}` };
    }
  } catch (error) {
    await Promise.allSettled(started.map((app) => app.close()));
    throw error;
  }
  return {
    gatewayUrl: services.gateway?.url ?? '',
    services,
    env,
    stop: async () => {
      await Promise.allSettled(started.reverse().map((app) => app.close()));
    },
  };
}
