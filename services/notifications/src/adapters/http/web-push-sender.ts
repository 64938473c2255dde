import { Inject, Injectable } from '@nestjs/common';
import { CONFIG, getLogger, guardedRequest, OutboundGuard, OutboundRefused } from '@omnibox/platform';
import webpush from 'web-push';
import { PushSender, PushSubscription, VAPID_KEYS, VapidKeys } from '../../application/ports';
import type { NotificationsConfig } from '../../config';
import type { Urgency } from '../../domain/push';

/**
 * Sends Web Push requests (NTF-2): `web-push` builds each one (VAPID `Authorization` JWT, payload
 * encrypted to the subscription with aes128gcm, `TTL`, `Urgency`, `Topic`) and it is sent here over
 * an HTTP client that honours the endpoint's scheme (`sendNotification` always speaks TLS), under the
 * outbound guard: push services are on the internet (loopback allowed outside production), never a
 * private address a name was switched to. A push service that does not answer in PUSH_TIMEOUT_MS
 * counts as no answer (the worker tries again later).
 */
@Injectable()
export class WebPushSender implements PushSender {
  private readonly guard: OutboundGuard;
  private readonly timeoutMs: number;

  constructor(
    @Inject(VAPID_KEYS) private readonly vapid: VapidKeys,
    @Inject(CONFIG) config: NotificationsConfig,
  ) {
    this.guard = new OutboundGuard(config.DEPLOYMENT_PROFILE === 'production' ? { schemes: ['https'] } : { allowClasses: ['loopback'] });
    this.timeoutMs = config.PUSH_TIMEOUT_MS;
  }

  async send(subscription: PushSubscription, payload: string, options: { ttlSeconds: number; urgency: Urgency; topic: string }): Promise<{ status: number; retryAfter: string | null } | null> {
    const details = webpush.generateRequestDetails({ endpoint: subscription.endpoint, keys: subscription.keys }, payload, {
      vapidDetails: { subject: this.vapid.subject, publicKey: this.vapid.publicKey, privateKey: this.vapid.privateKey },
      TTL: options.ttlSeconds,
      urgency: options.urgency,
      topic: options.topic,
      contentEncoding: 'aes128gcm',
    });
    const headers = Object.fromEntries(Object.entries(details.headers).map(([name, value]) => [name, String(value)]));
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
}
