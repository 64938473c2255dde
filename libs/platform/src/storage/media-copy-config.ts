import { IsInt, Max, Min } from 'class-validator';
import { outboundGuardsOf, ServiceConfig } from '../config/common-config';
import type { RemoteCopyOptions } from './copy-from-url';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Constructor<T = object> = new (...args: any[]) => T;

/**
 * Adds the settings of copying files that providers serve (incoming media, call recordings) into
 * object storage: size and time limits and attempts. Where the downloads may go is the service's
 * outbound rule (DEPLOYMENT_PROFILE, OUTBOUND_ALLOW_HOSTS, OUTBOUND_ALLOW_CIDRS in ServiceConfig).
 */
export function WithMediaCopy<B extends Constructor>(Base: B) {
  class MediaCopySettings extends Base {
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
  }
  return MediaCopySettings;
}

type MediaCopySettings = InstanceType<ReturnType<typeof WithMediaCopy>> & ServiceConfig;

/** The options of `copyFromUrl` from a service config with WithMediaCopy: the `configured` outbound guard (files providers hand us). */
export function mediaCopyOptions(config: MediaCopySettings): RemoteCopyOptions {
  return { guard: outboundGuardsOf(config).configured, maxBytes: config.MEDIA_MAX_BYTES, timeoutMs: config.MEDIA_FETCH_TIMEOUT_MS, attempts: config.MEDIA_FETCH_ATTEMPTS, retryDelayMs: config.MEDIA_FETCH_RETRY_MS };
}
