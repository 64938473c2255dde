import { INestApplication } from '@nestjs/common';
import { sendError } from '@omnibox/platform';
import type { Express, Request } from 'express';
import { AcceptWebhook } from '../../application/accept-webhook';

/** The path of provider webhooks (API.md "Provider webhooks"). */
export const WEBHOOK_PATH = '/v1/channels/:channelId/webhook';

/**
 * Serves provider webhooks with plain Express handlers in front of Nest's router, as the signed
 * ingress is (see ingress.route.ts): every message of a WhatsApp number or a Telegram bot comes this
 * way, and the provider's signature or secret token is the authentication. `ChannelsController`
 * declares the routes for the OpenAPI description.
 */
export function mountProviderWebhooks(app: INestApplication): void {
  const express = app.getHttpAdapter().getInstance() as Express;
  const webhooks = app.get(AcceptWebhook);
  express.get(WEBHOOK_PATH, (request, response) => {
    webhooks.verify(String(request.params.channelId), request.query as Record<string, unknown>).then(
      (challenge) => void response.status(200).type('text/plain').send(challenge),
      (error: unknown) => sendError(response, error),
    );
  });
  express.post(WEBHOOK_PATH, (request: Request & { rawBody?: Buffer }, response) => {
    webhooks.receive(String(request.params.channelId), { rawBody: request.rawBody, body: request.body, header: (name) => request.header(name) }).then(
      () => void response.status(200).json({ accepted: true }),
      (error: unknown) => sendError(response, error),
    );
  });
}
