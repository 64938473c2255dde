import { buildHelm, CHART, helm, KEEP_FILES, PolicyRule, PRODUCTION, RELEASE, render, Rendered, S3_KEYS, SERVICES } from './chart';

// Object storage in the chart: the services that keep files (gateway: attachments, conversations:
// incoming media, calls: recordings) get the S3 endpoint, region and bucket as plain settings, the
// keys from the Secret (or none, for the AWS default credentials), and egress to the endpoint.

const renders = new Map<string, Rendered>();

beforeAll(async () => {
  await buildHelm();
  renders.set('default values', await render());
  renders.set('production values', await render('-f', PRODUCTION));
}, 600_000);

describe('object storage with the default values', () => {
  const rendered = () => renders.get('default values')!;

  it('gives the object store to the services that keep files: settings in their ConfigMap, keys only from the Secret', () => {
    for (const service of Object.keys(SERVICES)) {
      const config = rendered().get('ConfigMap', `${RELEASE}-${service}`).data!;
      const keyRefs = rendered().container(service).env.filter((v: { name: string }) => S3_KEYS.includes(v.name));
      if (!KEEP_FILES.includes(service)) {
        expect([service, Object.keys(config).filter((key) => key.startsWith('S3_')), keyRefs]).toEqual([service, [], []]);
        continue;
      }
      expect(config).toMatchObject({ S3_ENDPOINT: 'http://seaweedfs-s3:8333', S3_REGION: 'us-east-1', S3_BUCKET: 'omnibox', S3_FORCE_PATH_STYLE: 'true' });
      // Optional references: an existing Secret may leave the keys out for the AWS default credentials.
      expect(keyRefs).toEqual(S3_KEYS.map((name) => ({ name, valueFrom: { secretKeyRef: { name: `${RELEASE}-secrets`, key: name, optional: true } } })));
      const egress: PolicyRule[] = rendered().get('NetworkPolicy', `${RELEASE}-${service}`).spec.egress;
      expect(egress.some((rule) => rule.ports.some((p) => p.port === 8333))).toBe(true);
    }
  });
});

describe('object storage with the production values', () => {
  const rendered = () => renders.get('production values')!;

  it('keeps files in AWS S3 with the keys of the existing Secret, reached on 443 by the services that keep files only', () => {
    for (const service of Object.keys(SERVICES)) {
      // The S3 rule: 443 alone, to any destination (Elasticsearch's rule also has 443, to its network).
      const egress: PolicyRule[] = rendered().get('NetworkPolicy', `${RELEASE}-${service}`).spec.egress;
      const toS3 = egress.some((rule) => rule.ports.length === 1 && rule.ports[0].port === 443 && !rule.to);
      expect([service, toS3]).toEqual([service, KEEP_FILES.includes(service)]);
      if (!KEEP_FILES.includes(service)) continue;
      expect(rendered().environment(service)).toMatchObject({
        S3_ENDPOINT: 'https://s3.eu-west-1.amazonaws.com',
        S3_REGION: 'eu-west-1',
        S3_FORCE_PATH_STYLE: 'false',
        S3_ACCESS_KEY_ID: '<omnibox-secrets/S3_ACCESS_KEY_ID>',
        S3_SECRET_ACCESS_KEY: '<omnibox-secrets/S3_SECRET_ACCESS_KEY>',
      });
    }
  });
});

describe('configuring object storage', () => {
  it('puts the S3 keys given in values into the Secret, and lets one service keep its files in another bucket', async () => {
    const rendered = await render('--set', 'engines.s3.accessKeyId=AKIDEXAMPLE', '--set', 'engines.s3.secretAccessKey=example-secret-key', '--set', 'calls.env.S3_BUCKET=omnibox-recordings');
    for (const service of KEEP_FILES) {
      expect(rendered.environment(service)).toMatchObject({ S3_ACCESS_KEY_ID: 'AKIDEXAMPLE', S3_SECRET_ACCESS_KEY: 'example-secret-key', S3_BUCKET: service === 'calls' ? 'omnibox-recordings' : 'omnibox' });
    }
    for (const service of KEEP_FILES) expect(Object.keys(rendered.get('ConfigMap', `${RELEASE}-${service}`).data!)).toEqual(expect.not.arrayContaining(S3_KEYS));
  });

  it.each([
    [['--set', 'engines.s3.endpoint=ftp://files'], 'engines.s3.endpoint: Does not match pattern'],
    [['--set', 'engines.s3.bucket=Omnibox_Files'], 'engines.s3.bucket: Does not match pattern'],
    [['--set', 'engines.s3.region=EU West'], 'engines.s3.region: Does not match pattern'],
    [['--set', 'engines.s3.accessKeyId=AKIDEXAMPLE'], 'engines.s3.secretAccessKey: Invalid type'],
    [['--set', 'engines.s3.secretAccessKey=example-secret-key'], 'engines.s3.accessKeyId: Invalid type'],
  ])('helm lint rejects %j naming the value', async (args, message) => {
    const result = await helm(['lint', CHART, ...args]);
    expect(result.code).not.toBe(0);
    expect(result.stdout + result.stderr).toContain(message);
  });
});
