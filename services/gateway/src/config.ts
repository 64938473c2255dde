import { IsInt, IsString, Matches, Max, Min, MinLength } from 'class-validator';
import { ServiceConfig, WithMongo, WithObjectStorage, WithRedis, WithSecretSeal } from '@omnibox/platform';

const GRPC_TARGET = /^(dns:\/\/\/)?[A-Za-z0-9._-]+:\d{1,5}$/;
const GRPC_TARGET_MESSAGE = 'must be host:port of the service\'s gRPC server';

/** Environment of the gateway; see README.md for each variable. */
export class GatewayConfig extends WithSecretSeal(WithObjectStorage(WithRedis(WithMongo(ServiceConfig)))) {
  @IsString()
  GATEWAY_HOST = '127.0.0.1';

  @IsInt()
  @Min(0)
  @Max(65535)
  GATEWAY_PORT: number = 3000;

  /** Browser origins allowed to call the API (CORS), comma-separated, e.g. `https://app.example.com`; empty: none. */
  @Matches(/^(\s*https?:\/\/[^,\s]+\s*(,\s*https?:\/\/[^,\s]+\s*)*)?$/, { message: 'must be a comma-separated list of http(s) origins' })
  CORS_ORIGINS = '';

  /**
   * Which peers may tell the client's address in `X-Forwarded-For` (Express "trust proxy": comma-separated
   * `loopback`, `linklocal`, `uniquelocal`, addresses or CIDRs). The per-address rate limits count that
   * address, so behind an ingress controller its network must be listed, or every client shares its
   * address; a peer not listed cannot forge one.
   */
  @Matches(/^[A-Za-z0-9.:/]+(\s*,\s*[A-Za-z0-9.:/]+)*$/, { message: 'must be comma-separated loopback, linklocal, uniquelocal, addresses or CIDRs' })
  TRUST_PROXY = 'loopback';

  /** Admin port serving only `GET /metrics` (never the public API port); 0 turns it off. */
  @IsInt()
  @Min(0)
  @Max(65535)
  GATEWAY_METRICS_PORT: number = 0;

  /** Signs user session tokens (HS256). */
  @IsString()
  @MinLength(32, { message: 'must be at least 32 characters' })
  JWT_SECRET: string;

  /** Lifetime of a session token. */
  @IsInt()
  @Min(60)
  @Max(30 * 24 * 3600)
  TOKEN_TTL_SECONDS: number = 12 * 3600;

  override MONGODB_DATABASE = 'omnibox_gateway';

  /** Rate limits (429 with Retry-After; failed logins per e-mail are fixed at 10 per 15 minutes). */
  @IsInt()
  @Min(1)
  RATE_LIMIT_LOGINS_PER_ADDRESS_PER_MINUTE: number = 30;

  @IsInt()
  @Min(1)
  RATE_LIMIT_WORKSPACES_PER_ADDRESS_PER_HOUR: number = 10;

  @IsInt()
  @Min(1)
  RATE_LIMIT_CALLS_PER_TOKEN_PER_MINUTE: number = 6000;

  @IsInt()
  @Min(1)
  RATE_LIMIT_INGRESS_PER_CHANNEL_PER_SECOND: number = 1000;

  /** Base of the inbox app's links: a message's deep link (MSG-5) opens `<base>/inbox/<contactId>?message=<id>`. */
  @Matches(/^https?:\/\/[^\s]+$/, { message: 'must be an http(s) URL' })
  PUBLIC_APP_URL = 'http://127.0.0.1:3000/app';

  /** `host:port` of each backend's gRPC server. */
  @Matches(GRPC_TARGET, { message: GRPC_TARGET_MESSAGE })
  CONTACTS_GRPC_URL = '127.0.0.1:50052';

  @Matches(GRPC_TARGET, { message: GRPC_TARGET_MESSAGE })
  CONVERSATIONS_GRPC_URL = '127.0.0.1:50051';

  @Matches(GRPC_TARGET, { message: GRPC_TARGET_MESSAGE })
  SEARCH_GRPC_URL = '127.0.0.1:50053';

  @Matches(GRPC_TARGET, { message: GRPC_TARGET_MESSAGE })
  CALLS_GRPC_URL = '127.0.0.1:50054';

  @Matches(GRPC_TARGET, { message: GRPC_TARGET_MESSAGE })
  NOTIFICATIONS_GRPC_URL = '127.0.0.1:50055';

  /** Largest upload (`POST /v1/attachments`, MSG-10); one byte more answers 413. */
  @IsInt()
  @Min(1)
  @Max(5 * 1024 * 1024 * 1024)
  ATTACHMENT_MAX_BYTES: number = 25 * 1024 * 1024;

  /**
   * The gateway's address as providers reach it: Telegram's `setWebhook` registers
   * `<base>/v1/channels/<id>/webhook` (the Bot API wants https on 443, 80, 88 or 8443).
   */
  @Matches(/^https?:\/\/[^\s/]+(\/[^\s]*)?$/, { message: 'must be an http(s) URL' })
  PUBLIC_API_URL = 'http://127.0.0.1:3000';

  /** Time a provider API call of the gateway may take (Telegram's `setWebhook`). */
  @IsInt()
  @Min(500)
  @Max(60_000)
  PROVIDER_API_TIMEOUT_MS: number = 10_000;

  /** The SMTP listener of e-mail channels (CHN-1, MSG-8); 0 leaves it off. */
  @IsInt()
  @Min(0)
  @Max(65535)
  SMTP_INGRESS_PORT: number = 0;

  @IsString()
  SMTP_INGRESS_HOST = '127.0.0.1';

  /** Largest mail accepted (announced in EHLO's SIZE; a longer one is refused with 552). */
  @IsInt()
  @Min(1024)
  @Max(100 * 1024 * 1024)
  SMTP_MAX_BYTES: number = 25 * 1024 * 1024;

  /** Name the listener gives itself in its greeting and in the Message-IDs it makes up. */
  @Matches(/^[A-Za-z0-9.-]{1,253}$/, { message: 'must be a host name' })
  SMTP_HOSTNAME = 'localhost';
}
