import { IsIn, IsString, Matches, MinLength, ValidateIf } from 'class-validator';
import type { ObjectStorageOptions } from '../storage/object-storage';
import { IsEngineUrl } from './validators';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Constructor<T = object> = new (...args: any[]) => T;

const KEYS_TOGETHER = 'S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY go together (leave both unset for the AWS default credentials)';
const hasAnyKey = (config: { S3_ACCESS_KEY_ID?: string; S3_SECRET_ACCESS_KEY?: string }) => config.S3_ACCESS_KEY_ID !== undefined || config.S3_SECRET_ACCESS_KEY !== undefined;

/**
 * Adds the object storage (any S3 API) settings to a config class. Without keys, the S3 client takes
 * the AWS default credentials (a pod's web identity, an instance role, AWS_* variables).
 */
export function WithObjectStorage<B extends Constructor>(Base: B) {
  class ObjectStorageSettings extends Base {
    /** The S3 API: SeaweedFS locally (`npm start`: http://127.0.0.1:8333), any S3 in production. */
    @IsEngineUrl(['http', 'https'])
    S3_ENDPOINT: string;

    @Matches(/^[a-z0-9-]{1,40}$/, { message: 'must be an S3 region name such as us-east-1' })
    S3_REGION = 'us-east-1';

    /** The service's bucket, created on first use. */
    @Matches(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, { message: 'must be an S3 bucket name: 3-63 lower case letters, digits, . and -' })
    S3_BUCKET: string;

    @ValidateIf(hasAnyKey)
    @IsString({ message: KEYS_TOGETHER })
    @MinLength(1, { message: KEYS_TOGETHER })
    S3_ACCESS_KEY_ID?: string;

    @ValidateIf(hasAnyKey)
    @IsString({ message: KEYS_TOGETHER })
    @MinLength(1, { message: KEYS_TOGETHER })
    S3_SECRET_ACCESS_KEY?: string;

    /** `false` for virtual-host addressing (`<bucket>.<endpoint host>`); SeaweedFS, MinIO and Ceph want the path. */
    @IsIn(['true', 'false'])
    S3_FORCE_PATH_STYLE = 'true';
  }
  return ObjectStorageSettings;
}

type ObjectStorageSettings = InstanceType<ReturnType<typeof WithObjectStorage>>;

/** The storage options of PlatformModule.forRoot from a config with WithObjectStorage. */
export function objectStorageOptions(config: ObjectStorageSettings): ObjectStorageOptions {
  return {
    endpoint: config.S3_ENDPOINT,
    region: config.S3_REGION,
    bucket: config.S3_BUCKET,
    accessKeyId: config.S3_ACCESS_KEY_ID,
    secretAccessKey: config.S3_SECRET_ACCESS_KEY,
    forcePathStyle: config.S3_FORCE_PATH_STYLE === 'true',
  };
}
