import 'reflect-metadata';
import { plainToInstance, ClassConstructor } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';

/** Thrown at start-up when an environment variable is missing or malformed. Never includes secret values. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Reads and validates environment variables into a typed config object.
 * Property names of the schema class are the variable names (e.g. `NATS_URL`).
 */
export function loadConfig<T extends object>(schema: ClassConstructor<T>, env: NodeJS.ProcessEnv = process.env): T {
  const present: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    if (value !== undefined && value !== '') present[key] = value;
  }
  const config = plainToInstance(schema, present, { enableImplicitConversion: true, exposeDefaultValues: true });
  const errors = validateSync(config, { whitelist: false, forbidUnknownValues: false });
  if (errors.length > 0) throw new ConfigError(errors.map(describe));
  return config;
}

function describe(error: ValidationError): string {
  const rules = Object.values(error.constraints ?? {}).join('; ');
  return `${error.property}: ${rules}`;
}
