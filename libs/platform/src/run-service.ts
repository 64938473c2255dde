import { INestApplication } from '@nestjs/common';
import { ConfigError } from './config/load-config';
import { createLogger } from './logging/logger';

/** Longest a drain may take before the process exits anyway; below the chart's grace period (30 s). */
const SHUTDOWN_TIMEOUT_MS = Number(process.env.SHUTDOWN_TIMEOUT_MS) || 20_000;

/**
 * Entry point shared by every service's main.ts: a bad configuration prints which variable to fix
 * and exits 2; a failed start exits 1. SIGTERM / SIGINT close the app (consumers and the outbox drain,
 * servers stop, engine connections close last) and then exit, also when running as PID 1 in a
 * container, where the default signal behaviour does not apply; a drain that hangs is cut short.
 */
export async function runService(name: string, start: () => Promise<{ app: INestApplication; describe: string }>) {
  const logger = createLogger(name, process.env.LOG_LEVEL ?? 'info');
  let app: INestApplication;
  try {
    const started = await start();
    app = started.app;
    logger.info(`${name} ready: ${started.describe}`);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${name}: ${error.message}\n`);
      process.exit(2);
    }
    logger.fatal({ err: error }, `${name} failed to start`);
    process.exit(1);
  }
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info(`${name} stopping on ${signal}`);
    setTimeout(() => {
      logger.error(`${name} did not drain within ${SHUTDOWN_TIMEOUT_MS} ms; exiting`);
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS).unref();
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, `${name} failed to stop cleanly`);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
