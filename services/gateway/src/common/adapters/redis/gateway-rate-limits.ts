import { Inject, Injectable } from '@nestjs/common';
import { CONFIG, RateCounter, RateHit, rateLimited, RateLimiter, REDIS, RedisHandle } from '@omnibox/platform';
import type { GatewayConfig } from '../../../config';
import { RateRules, rateRulesOf } from '../../domain/rate-rules';

/**
 * The gateway's rate limits, counted in Redis so they hold across replicas (one INCR per check; an API
 * call of a cached caller is counted in the principal cache's round trip).
 * Keys are namespaced by the gateway's database: one deployment, one set of counters.
 */
@Injectable()
export class GatewayRateLimits {
  private readonly limiter: RateLimiter;
  readonly rules: RateRules;
  /** The per-token API call counter, for the principal cache to count a call in its own round trip. */
  readonly apiCallCounter: RateCounter;

  constructor(@Inject(REDIS) redis: RedisHandle, @Inject(CONFIG) config: GatewayConfig) {
    this.limiter = new RateLimiter(redis.redis, config.MONGODB_DATABASE);
    this.rules = rateRulesOf({
      profile: config.DEPLOYMENT_PROFILE,
      loginsPerAddressPerMinute: config.RATE_LIMIT_LOGINS_PER_ADDRESS_PER_MINUTE,
      workspacesPerAddressPerHour: config.RATE_LIMIT_WORKSPACES_PER_ADDRESS_PER_HOUR,
      callsPerTokenPerMinute: config.RATE_LIMIT_CALLS_PER_TOKEN_PER_MINUTE,
      ingressPerChannelPerSecond: config.RATE_LIMIT_INGRESS_PER_CHANNEL_PER_SECOND,
    });
    this.apiCallCounter = { keyPrefix: this.limiter.keyPrefix(this.rules.callsPerToken), windowMs: this.rules.callsPerToken.windowMs };
  }

  /** Before a login is tried: refused while the address is over its limit or the e-mail has too many failures. */
  async loginAttempt(address: string, email: string): Promise<void> {
    await this.limiter.enforce(this.rules.loginsPerAddress, address);
    await this.limiter.assertUnder(this.rules.loginFailuresPerEmail, email);
  }

  async loginFailed(email: string): Promise<void> {
    await this.limiter.hit(this.rules.loginFailuresPerEmail, email);
  }

  async loginSucceeded(email: string): Promise<void> {
    await this.limiter.reset(this.rules.loginFailuresPerEmail, email);
  }

  workspaceCreation(address: string): Promise<void> {
    return this.limiter.enforce(this.rules.workspacesPerAddress, address);
  }

  apiCall(principalId: string): Promise<void> {
    return this.limiter.enforce(this.rules.callsPerToken, principalId);
  }

  /** An API call already counted on `apiCallCounter`: 429 when it went over the limit. */
  apiCallCounted(calls: RateHit): void {
    const decision = this.limiter.decisionOf(this.rules.callsPerToken, calls.count, calls.ttlMs);
    if (!decision.allowed) throw rateLimited(this.rules.callsPerToken.name, decision.retryAfterSeconds);
  }

  ingress(channelId: string): Promise<void> {
    return this.limiter.enforce(this.rules.ingressPerChannel, channelId);
  }
}
