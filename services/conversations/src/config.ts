import { IsInt, IsNumber, IsOptional, Matches, Max, Min } from 'class-validator';
import { IsEngineUrl, ServiceConfig, WithMediaCopy, WithMongo, WithObjectStorage, WithRedis, WithSecretSeal, WithServicePorts } from '@omnibox/platform';

const GRPC_TARGET = /^(dns:\/\/\/)?[A-Za-z0-9._-]+:\d{1,5}$/;

/** Environment of the conversations service; see README.md for each variable. */
export class ConversationsConfig extends WithSecretSeal(WithMediaCopy(WithObjectStorage(WithServicePorts(WithRedis(WithMongo(ServiceConfig)))))) {
  override HTTP_PORT = 3101;
  override GRPC_PORT = 50051;
  override MONGODB_DATABASE = 'omnibox_conversations';

  /** The contacts service: channel contacts and fresh block state. */
  @Matches(GRPC_TARGET, { message: "must be host:port of the contacts service's gRPC server" })
  CONTACTS_GRPC_URL = '127.0.0.1:50052';

  /**
   * Provider events handled at once (events of one contact always in order). Issue #19: a first message
   * spends most of its time waiting on batched writes (contacts, timeline, thread), so with 32 the
   * ingest was bound by waiting, not CPU (conversations at a quarter of a core, 9 contacts a batch); more
   * at once makes the batches larger, so there are fewer FerretDB commands per message and a higher rate.
   */
  @IsInt()
  @Min(1)
  @Max(256)
  INGEST_CONCURRENCY: number = 128;

  /**
   * Attempts to hand an outgoing message to its channel before it is marked failed (MSG-2, CHN-4): with
   * the back-off below, a provider down for about four minutes loses nothing.
   */
  @IsInt()
  @Min(1)
  @Max(30)
  DELIVERY_MAX_ATTEMPTS: number = 10;

  /** First retry delay of a delivery; doubles per attempt (at most 60 s). */
  @IsInt()
  @Min(10)
  @Max(60_000)
  DELIVERY_BACKOFF_MS: number = 1000;

  /** Time one provider API call may take (a send, a typing indicator, locating a file). */
  @IsInt()
  @Min(500)
  @Max(60_000)
  PROVIDER_API_TIMEOUT_MS: number = 10_000;

  /** Link previews (MSG-6): time and size limits; private addresses only when set to `true` (tests). */
  @IsInt()
  @Min(100)
  @Max(10_000)
  LINK_PREVIEW_TIMEOUT_MS: number = 2500;

  @IsInt()
  @Min(1024)
  @Max(5_000_000)
  LINK_PREVIEW_MAX_BYTES: number = 512 * 1024;

  /**
   * Host names (comma-separated, exact) link previews may fetch whatever they resolve to. Empty in
   * production: previews never reach loopback or private addresses. The tests name their page server.
   */
  @Matches(/^[A-Za-z0-9.:,_-]*$/, { message: 'must be comma-separated host names' })
  LINK_PREVIEW_ALLOW_HOSTS = '';

  /** How often each replica looks for snoozed threads that are due (CNV-7). */
  @IsInt()
  @Min(50)
  @Max(60_000)
  SNOOZE_POLL_MS: number = 500;

  /** Lifetime of the signed URLs clients get for a file (API.md: within 15 minutes). */
  @IsInt()
  @Min(10)
  @Max(900)
  ATTACHMENT_URL_TTL_SECONDS: number = 900;

  /** Lifetime of the signed URL a provider fetches an outgoing file from (CHN-3); S3 allows up to 7 days. */
  @IsInt()
  @Min(60)
  @Max(7 * 24 * 3600)
  ATTACHMENT_DELIVERY_URL_TTL_SECONDS: number = 3600;

  /**
   * The store's address as clients and providers reach it, when S3_ENDPOINT is an inner one (a
   * cluster-local SeaweedFS or MinIO behind an ingress): signed URLs name it. Unset: S3_ENDPOINT.
   */
  @IsOptional()
  @IsEngineUrl(['http', 'https'])
  ATTACHMENT_URL_ENDPOINT?: string;

  /** Uploads never sent are deleted after this many hours (fractions allowed). */
  @IsNumber()
  @Min(0.0001)
  @Max(24 * 365)
  ATTACHMENT_ORPHAN_HOURS: number = 24;

  /** How often each replica looks for orphaned uploads. */
  @IsInt()
  @Min(100)
  @Max(24 * 3600_000)
  ATTACHMENT_SWEEP_INTERVAL_MS: number = 10 * 60_000;
}
