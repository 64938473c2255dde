import { INestApplication } from '@nestjs/common';
import { ConfigError } from './config/load-config';
import { createLogger } from './logging/logger';

/**
 * Entry point shared by every service's main.ts: a bad configuration prints which variable to fix
 * and exits 2; a failed start exits 1; SIGTERM / SIGINT close the app (Nest shutdown hooks drain it).
 */
export async function runService(name: string, start: () => Promise<{ app: INestApplication; describe: string }>) {
  const logger = createLogger(name, process.env.LOG_LEVEL ?? 'info');
  try {
    const { describe } = await start();
    logger.info(`${name} ready: ${describe}`);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${name}: ${error.message}\n`);
      process.exit(2);
    }
    logger.fatal({ err: error }, `${name} failed to start`);
    process.exit(1);
  }
}
