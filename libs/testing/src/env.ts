import { randomBytes } from 'node:crypto';

/** A short unique token for databases, streams and e-mail addresses of one test file. */
export function uniqueName(prefix = 't'): string {
  return `${prefix}${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
}

/** Engine URLs of the run's shared engines (started by the Jest global setup), read when used. */
export const sharedEngineUrls = (() => {
  const need = (key: string) => {
    const value = process.env[`TEST_${key}`];
    if (!value) throw new Error(`TEST_${key} is not set: run the tests through \`npm test\` so the engines are started`);
    return value;
  };
  return {
    get NATS_URL() {
      return need('NATS_URL');
    },
    get REDIS_URL() {
      return need('REDIS_URL');
    },
    get MONGODB_URL() {
      return need('MONGODB_URL');
    },
    get ELASTICSEARCH_URL() {
      return need('ELASTICSEARCH_URL');
    },
    /** The S3 API of the run's SeaweedFS, and its credentials (WithObjectStorage's variables). */
    get S3_ENDPOINT() {
      return need('S3_ENDPOINT');
    },
    get S3_REGION() {
      return need('S3_REGION');
    },
    get S3_ACCESS_KEY_ID() {
      return need('S3_ACCESS_KEY_ID');
    },
    get S3_SECRET_ACCESS_KEY() {
      return need('S3_SECRET_ACCESS_KEY');
    },
  };
})();

/**
 * Environment for services under test: shared engines, but a database per service, a bucket and an
 * event stream of the test file's own, so test files running side by side never see each other's
 * data, files or events.
 */
export function isolatedEnv(namespace = uniqueName()): Record<string, string> {
  const upper = namespace.toUpperCase().replace(/[^A-Z0-9_]/g, '_');
  return {
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    DEPLOYMENT_PROFILE: 'test',
    INTERNAL_SECRET: `internal-${namespace}-secret-value`,
    JWT_SECRET: `jwt-${namespace}-secret-value-0123456789`,
    EVENT_STREAM: `E_${upper}`.slice(0, 32),
    EVENT_SUBJECT_PREFIX: namespace.toLowerCase().slice(0, 32),
    MONGODB_DATABASE_PREFIX: namespace,
    S3_BUCKET: bucketName(namespace),
  };
}

/** An S3 bucket name for a namespace: 3 to 63 lower case letters, digits and dashes. */
export function bucketName(namespace: string): string {
  return `omnibox-${namespace.toLowerCase().replace(/[^a-z0-9-]/g, '-')}`.slice(0, 63).replace(/-+$/, '');
}
