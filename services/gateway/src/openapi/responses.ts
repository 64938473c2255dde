import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { ErrorBody, JsonSchema, SchemaRef } from './api-schemas';

/**
 * Decorators that document what an operation answers. The errors every operation shares (400, 401,
 * 404 on a path id, 429, 503, and the Idempotency-Key's 409 / 422 on writes) are added by the document
 * builder (api-document.ts); an operation names the ones its own rules add.
 */

export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 416 | 422 | 426 | 429 | 503;

export const ERROR_DESCRIPTIONS: Record<ErrorStatus, string> = {
  400: 'Malformed or invalid input; the message and `details.field` name the field',
  401: 'No bearer token, or an invalid, expired or revoked one',
  403: 'The caller\'s role or restriction forbids this',
  404: 'Missing, or not visible to the caller (VIS-4)',
  409: 'Conflicts with the current state (or a retry with the same Idempotency-Key is still running)',
  413: 'The body is too large',
  415: 'The body is not of a content type this operation takes',
  416: 'The Range asks for bytes the file does not have',
  422: 'Well formed, but a product rule refuses it (the code says which)',
  426: 'A WebSocket: connect with `Connection: Upgrade` and `Upgrade: websocket`',
  429: 'Rate limited; retry after `Retry-After` seconds',
  503: 'A dependency is down; the message names it',
};

/** `Retry-After` of a 429 (and of a 503 when the outage has a known end). */
export const RETRY_AFTER = { 'Retry-After': { description: 'Seconds to wait before retrying', schema: { type: 'integer', minimum: 1 } } };

export function errorResponse(status: ErrorStatus): { description: string; content: Record<string, { schema: SchemaRef }>; headers?: typeof RETRY_AFTER } {
  return { description: ERROR_DESCRIPTIONS[status], content: { 'application/json': { schema: ErrorBody } }, ...(status === 429 ? { headers: RETRY_AFTER } : {}) };
}

/** The errors an operation's own rules can answer, in API.md's error shape. */
export function ApiErrors(...statuses: ErrorStatus[]): MethodDecorator & ClassDecorator {
  return applyDecorators(...statuses.map((status) => ApiResponse({ status, ...errorResponse(status) })));
}

const SUCCESS_DESCRIPTIONS: Record<number, string> = { 200: 'OK', 201: 'Created', 202: 'Accepted', 204: 'Done; no content' };

/** The success answer: a JSON body of this schema (none for 204). */
export function ApiAnswer(status: 200 | 201 | 202 | 204, schema?: JsonSchema | SchemaRef, description = SUCCESS_DESCRIPTIONS[status]): MethodDecorator & ClassDecorator {
  return ApiResponse(schema ? { status, description, schema } : { status, description });
}
