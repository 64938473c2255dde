import { IsInt, IsString, Max, Min, MinLength } from 'class-validator';
import { ServiceConfig, WithMongo, WithRedis } from '@omnibox/platform';

/** Environment of the gateway; see README.md for each variable. */
export class GatewayConfig extends WithRedis(WithMongo(ServiceConfig)) {
  @IsString()
  GATEWAY_HOST = '127.0.0.1';

  @IsInt()
  @Min(0)
  @Max(65535)
  GATEWAY_PORT: number = 3000;

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
}
