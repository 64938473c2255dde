import { IsInt, Matches, Max, Min } from 'class-validator';
import { ServiceConfig, WithMongo, WithObjectStorage, WithRedis, WithSecretSeal, WithServicePorts } from '@omnibox/platform';

const GRPC_TARGET = /^(dns:\/\/\/)?[A-Za-z0-9._-]+:\d{1,5}$/;

/** Environment of the calls service; see README.md for each variable. */
export class CallsConfig extends WithSecretSeal(WithObjectStorage(WithServicePorts(WithRedis(WithMongo(ServiceConfig))))) {
  override HTTP_PORT = 3104;
  override GRPC_PORT = 50054;
  override MONGODB_DATABASE = 'omnibox_calls';

  /** The contacts service: the contact behind a caller's identity (created unassigned when first seen). */
  @Matches(GRPC_TARGET, { message: "must be host:port of the contacts service's gRPC server" })
  CONTACTS_GRPC_URL = '127.0.0.1:50052';

  /** The conversations service: CAL-3's assignment goes through its `Assign`. */
  @Matches(GRPC_TARGET, { message: "must be host:port of the conversations service's gRPC server" })
  CONVERSATIONS_GRPC_URL = '127.0.0.1:50051';

  /** Provider call events handled at once (events of one call always in order); enough for new calls to share their contacts RPC and inserts. */
  @IsInt()
  @Min(1)
  @Max(256)
  INGEST_CONCURRENCY: number = 64;

  /** How often each replica looks for calls past their maximum duration (CAL-2). */
  @IsInt()
  @Min(100)
  @Max(60_000)
  CALL_TIMER_POLL_MS: number = 1000;

  /** Time a call action may take at the provider (answer, decline, end, record, connect). */
  @IsInt()
  @Min(500)
  @Max(60_000)
  CALL_ACTION_TIMEOUT_MS: number = 10_000;

  /** Largest recording copied from a provider (CAL-5), and how long the copy may take. */
  @IsInt()
  @Min(1024)
  @Max(2 * 1024 * 1024 * 1024)
  RECORDING_MAX_BYTES: number = 200 * 1024 * 1024;

  @IsInt()
  @Min(1000)
  @Max(30 * 60_000)
  RECORDING_FETCH_TIMEOUT_MS: number = 5 * 60_000;
}
