import { IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { outboundGuards } from '../net/outbound-guard';
import type { RemoteCopyOptions } from './copy-from-url';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Constructor<T = object> = new (...args: any[]) => T;

const HOST_LIST = /^([A-Za-z0-9.-]+(,[A-Za-z0-9.-]+)*)?$/;
const CIDR_LIST = /^(([0-9.]+|[0-9A-Fa-f:.]+)\/\d{1,3}(,([0-9.]+|[0-9A-Fa-f:.]+)\/\d{1,3})*)?$/;

/**
 * Where a server-side download may go depends on where the service runs: `npm start` (NODE_ENV
 * development) and the tests allow loopback, where stand-in providers run; anything else, an unset
 * NODE_ENV included, is production, which reaches private addresses only when allow-listed.
 */
export function outboundProfile(nodeEnv: string | undefined): 'production' | 'development' | 'test' {
  return nodeEnv === 'development' || nodeEnv === 'test' ? nodeEnv : 'production';
}

const list = (value: string) => value.split(',').map((item) => item.trim()).filter(Boolean);

/**
 * Adds the settings of copying files that providers serve (incoming media, call recordings) into
 * object storage: size and time limits, attempts, and the allow-list of private hosts and networks.
 */
export function WithMediaCopy<B extends Constructor>(Base: B) {
  class MediaCopySettings extends Base {
    /** `development` or `test` let downloads reach loopback; anything else is production. */
    @IsOptional()
    @IsString()
    NODE_ENV?: string;

    /** Largest file copied (WhatsApp documents go up to 100 MB). */
    @IsInt()
    @Min(1024)
    @Max(2 * 1024 * 1024 * 1024)
    MEDIA_MAX_BYTES: number = 100 * 1024 * 1024;

    /** One download attempt, from connecting to the last byte. */
    @IsInt()
    @Min(100)
    @Max(15 * 60_000)
    MEDIA_FETCH_TIMEOUT_MS: number = 60_000;

    @IsInt()
    @Min(1)
    @Max(10)
    MEDIA_FETCH_ATTEMPTS: number = 3;

    /** Pause before the second attempt (doubling after). */
    @IsInt()
    @Min(0)
    @Max(60_000)
    MEDIA_FETCH_RETRY_MS: number = 500;

    /** Host names that may be reached even when private, comma-separated (production). */
    @Matches(HOST_LIST, { message: 'must be a comma-separated list of host names' })
    MEDIA_ALLOW_HOSTS = '';

    /** Networks that may be reached even when private, comma-separated CIDRs such as 10.20.0.0/16 (production). */
    @Matches(CIDR_LIST, { message: 'must be a comma-separated list of CIDRs such as 10.20.0.0/16' })
    MEDIA_ALLOW_CIDRS = '';
  }
  return MediaCopySettings;
}

type MediaCopySettings = InstanceType<ReturnType<typeof WithMediaCopy>>;

/** The options of `copyFromUrl` from a config with WithMediaCopy: the `configured` guard of its profile. */
export function mediaCopyOptions(config: MediaCopySettings): RemoteCopyOptions {
  const guards = outboundGuards({ profile: outboundProfile(config.NODE_ENV), allowHosts: list(config.MEDIA_ALLOW_HOSTS), allowCidrs: list(config.MEDIA_ALLOW_CIDRS) });
  return { guard: guards.configured, maxBytes: config.MEDIA_MAX_BYTES, timeoutMs: config.MEDIA_FETCH_TIMEOUT_MS, attempts: config.MEDIA_FETCH_ATTEMPTS, retryDelayMs: config.MEDIA_FETCH_RETRY_MS };
}
