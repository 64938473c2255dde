import { ServiceConfig } from './common-config';
import { ConfigError, loadConfig } from './load-config';
import { objectStorageOptions, WithObjectStorage } from './object-storage-config';

class FilesConfig extends WithObjectStorage(ServiceConfig) {}

const base = { INTERNAL_SECRET: 'an-internal-secret-value', NATS_URL: 'nats://127.0.0.1:4222', S3_ENDPOINT: 'http://127.0.0.1:8333', S3_BUCKET: 'omnibox-dev' };

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(FilesConfig, env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('object storage settings', () => {
  it('reads the endpoint, bucket and keys, with path-style addressing and us-east-1 unless told otherwise', () => {
    const config = loadConfig(FilesConfig, { ...base, S3_ACCESS_KEY_ID: 'AKIDEXAMPLE', S3_SECRET_ACCESS_KEY: 'secret-value' });
    expect(objectStorageOptions(config)).toEqual({
      endpoint: 'http://127.0.0.1:8333',
      region: 'us-east-1',
      bucket: 'omnibox-dev',
      accessKeyId: 'AKIDEXAMPLE',
      secretAccessKey: 'secret-value',
      forcePathStyle: true,
    });
  });

  it('takes no keys at all (the AWS default credentials), but never only one of them', () => {
    expect(problems(base)).toEqual([]);
    expect(objectStorageOptions(loadConfig(FilesConfig, base)).accessKeyId).toBeUndefined();
    const [problem, ...rest] = problems({ ...base, S3_ACCESS_KEY_ID: 'AKIDEXAMPLE' });
    expect(problem).toMatch(/^S3_SECRET_ACCESS_KEY: S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY go together/);
    expect(rest).toEqual([]);
  });

  it('names a missing endpoint or bucket and a malformed bucket or region, never printing the secret key', () => {
    const found = problems({ INTERNAL_SECRET: base.INTERNAL_SECRET, NATS_URL: base.NATS_URL, S3_REGION: 'EU West', S3_SECRET_ACCESS_KEY: 'top-secret-key' });
    expect(found.map((problem) => problem.split(':')[0]).sort()).toEqual(['S3_ACCESS_KEY_ID', 'S3_BUCKET', 'S3_ENDPOINT', 'S3_REGION']);
    expect(problems({ ...base, S3_BUCKET: 'Omnibox_Files' })).toEqual([expect.stringMatching(/^S3_BUCKET: must be an S3 bucket name/)]);
    expect(found.join('\n')).not.toContain('top-secret-key');
  });
});
