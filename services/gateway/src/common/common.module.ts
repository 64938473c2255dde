import { Global, Module } from '@nestjs/common';
import { GatewayRateLimits } from './adapters/redis/gateway-rate-limits';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { IdempotencyInterceptor } from './adapters/http/idempotency.interceptor';
import { IdempotencyKeys } from './adapters/redis/idempotency-keys';

/** HTTP plumbing every route shares: `Idempotency-Key` on writes, and the rate limits. */
@Global()
@Module({
  providers: [IdempotencyKeys, { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor }, GatewayRateLimits],
  exports: [GatewayRateLimits],
})
export class CommonModule {}
