import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { IdempotencyInterceptor } from './adapters/http/idempotency.interceptor';
import { IdempotencyKeys } from './adapters/redis/idempotency-keys';

/** HTTP plumbing every route shares: `Idempotency-Key` on writes. */
@Module({
  providers: [IdempotencyKeys, { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor }],
})
export class CommonModule {}
