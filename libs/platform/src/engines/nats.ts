import { connect, NatsConnection } from 'nats';
import { DependencyCheck } from '../health/health';

export interface NatsHandle {
  connection: NatsConnection;
  health: DependencyCheck;
  close(): Promise<void>;
}

/** Connects to NATS and keeps reconnecting for as long as the process lives. */
export async function connectNats(url: string, name: string): Promise<NatsHandle> {
  const connection = await connect({
    servers: url,
    name,
    waitOnFirstConnect: true,
    maxReconnectAttempts: -1,
    reconnectTimeWait: 500,
    pingInterval: 5000,
    // Otherwise every request (each JetStream publish) captures two stack traces just in case it
    // fails: a few per cent of a busy service's CPU. A failure still says which subject it was.
    noAsyncTraces: true,
  });
  return {
    connection,
    health: {
      name: 'nats',
      // While disconnected a flush waits for the reconnection, so the readiness timeout reports it down.
      check: () => connection.flush(),
    },
    close: async () => {
      if (!connection.isClosed()) await connection.drain().catch(() => connection.close());
    },
  };
}
