import { object, oneOfValues } from './api-schemas';
import { errorResponse } from './responses';

/**
 * API.md "Health": served by libs/platform's HealthController on every service (excluded from each
 * service's own document), described here for the gateway's. The input policy answers 400 to a query
 * holding control characters here too.
 */
const json = (schema: object) => ({ 'application/json': { schema } });

export const HEALTH_PATHS = {
  '/health/live': {
    get: {
      operationId: 'Health_live',
      tags: ['health'],
      summary: 'The process is up',
      security: [],
      responses: { 200: { description: 'Up', content: json(object({ status: oneOfValues(['live']) })) }, 400: errorResponse(400) },
    },
  },
  '/health/ready': {
    get: {
      operationId: 'Health_ready',
      tags: ['health'],
      summary: 'Every engine the gateway needs answers (MongoDB, Redis, NATS, object storage)',
      security: [],
      responses: {
        200: {
          description: 'Ready',
          content: json(object({ status: oneOfValues(['ready']), checks: { type: 'object', additionalProperties: oneOfValues(['up', 'down']) } })),
        },
        400: errorResponse(400),
        503: { ...errorResponse(503), description: 'Not ready: the message names the engines that do not answer; `details.down` lists them' },
      },
    },
  },
};
