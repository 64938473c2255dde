import { INestApplication } from '@nestjs/common';
import { sendError } from '@omnibox/platform';
import type { Express, Request } from 'express';
import { AcceptProviderEvent } from '../../application/accept-provider-event';
import { parseProviderEvent } from './provider-event.parser';

/** The path of provider ingress (API.md "Channels and event ingress"). */
export const INGRESS_PATH = '/v1/channels/:channelId/events';

/**
 * Serves provider ingress with a plain Express handler, in front of Nest's router: it is the one
 * route called for every message of every customer, and it needs none of what Nest adds per request
 * (no principal, guard, interceptor or DTO: the signature is the authentication, and the body is
 * checked by `parseProviderEvent`). The correlation id, the JSON body (with its raw bytes) and the
 * API.md error shape are the same as on every other route. `ChannelsController.ingest` declares the
 * route for the OpenAPI description.
 */
export function mountProviderIngress(app: INestApplication): void {
  const express = app.getHttpAdapter().getInstance() as Express;
  const accept = app.get(AcceptProviderEvent);
  express.post(INGRESS_PATH, (request: Request & { rawBody?: Buffer }, response) => {
    accept
      .execute(String(request.params.channelId), request.rawBody, request.header('x-channel-signature'), () => parseProviderEvent(request.body))
      .then(
        () => void response.status(202).json({ accepted: true }),
        (error: unknown) => sendError(response, error),
      );
  });
}
