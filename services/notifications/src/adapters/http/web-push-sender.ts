import { Inject, Injectable } from '@nestjs/common';
import { BoundedMap, CONFIG, getLogger, guardedRequest, OutboundGuard, OutboundRefused } from '@omnibox/platform';
import webpush from 'web-push';
import { PushSender, PushSubscription, VAPID_KEYS, VapidKeys } from '../../application/ports';
import type { NotificationsConfig } from '../../config';
import type { Urgency } from '../../domain/push';

/** A VAPID token lives 12 hours (RFC 8292 allows 24) and is signed again once it is an hour old. */
const VAPID_TOKEN_SECONDS = 12 * 3600;
const VAPID_RENEW_AFTER_MS = 3600_000;
/** Push services a sender talks to (one per browser vendor); the map stays small, the cap is a guard. */
const VAPID_AUDIENCES_KEPT = 64;

/**
 * Sends Web Push requests (NTF-2): `web-push` builds each one (payload encrypted to the subscription
 * with aes128gcm, `TTL`, `Urgency`, `Topic`); the VAPID `Authorization` JWT is signed once per push
 * service origin and reused while it is young (an ES256 signature per push was 13 % of the service's
 * busy CPU in bench:platform, the largest single cost). The request is sent here over
 * an HTTP client that honours the endpoint's scheme (`sendNotification` always speaks TLS), under the
 * outbound guard: push services are on the internet (loopback allowed outside production), never a
 * private address a name was switched to. A push service that does not answer in PUSH_TIMEOUT_MS
 * counts as no answer (the worker tries again later).
 */
@Injectable()
export class WebPushSender implements PushSender {
  private readonly guard: OutboundGuard;
  private readonly timeoutMs: number;
  private readonly authorizations = new BoundedMap<string, { header: string; renewAt: number }>(VAPID_AUDIENCES_KEPT);

  constructor(
    @Inject(VAPID_KEYS) private readonly vapid: VapidKeys,
    @Inject(CONFIG) config: NotificationsConfig,
  ) {
    this.guard = new OutboundGuard(config.DEPLOYMENT_PROFILE === 'production' ? { schemes: ['https'] } : { allowClasses: ['loopback'] });
    this.timeoutMs = config.PUSH_TIMEOUT_MS;
  }

  async send(subscription: PushSubscription, payload: string, options: { ttlSeconds: number; urgency: Urgency; topic: string }): Promise<{ status: number; retryAfter: string | null } | null> {
    // No vapidDetails: the Authorization header is this sender's own (below).
    const details = webpush.generateRequestDetails({ endpoint: subscription.endpoint, keys: subscription.keys }, payload, {
      TTL: options.ttlSeconds,
      urgency: options.urgency,
      topic: options.topic,
      contentEncoding: 'aes128gcm',
    });
    const headers = Object.fromEntries(Object.entries(details.headers).map(([name, value]) => [name, String(value)]));
    headers.Authorization = this.authorization(details.endpoint);
    try {
      const response = await guardedRequest(details.endpoint, { guard: this.guard, method: details.method, headers, body: details.body ?? undefined, timeoutMs: this.timeoutMs, maxRedirects: 0 });
      response.body.resume();
      const retryAfter = response.headers['retry-after'];
      return { status: response.status, retryAfter: typeof retryAfter === 'string' ? retryAfter : null };
    } catch (error) {
      if (error instanceof OutboundRefused) {
        // Not a push service we may reach: retrying changes nothing.
        getLogger().warn({ subscriptionId: subscription.id, reason: error.reason }, 'push endpoint refused by the outbound policy');
        return { status: 403, retryAfter: null };
      }
      return null;
    }
  }

  /** `vapid t=<JWT>, k=<key>` for the endpoint's push service: `aud` is its origin. */
  private authorization(endpoint: string): string {
    const { protocol, host } = new URL(endpoint);
    const audience = `${protocol}//${host}`;
    const kept = this.authorizations.get(audience);
    if (kept && kept.renewAt > Date.now()) return kept.header;
    const expiration = Math.floor(Date.now() / 1000) + VAPID_TOKEN_SECONDS;
    const header = webpush.getVapidHeaders(audience, this.vapid.subject, this.vapid.publicKey, this.vapid.privateKey, 'aes128gcm', expiration).Authorization;
    this.authorizations.set(audience, { header, renewAt: Date.now() + VAPID_RENEW_AFTER_MS });
    return header;
  }
}
