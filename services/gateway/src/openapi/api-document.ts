import { INestApplication } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { IS_PUBLIC } from '@omnibox/platform';
import { registeredSchemas } from './api-schemas';
import { HEALTH_PATHS } from './health.paths';
import { toOpenApi31 } from './openapi-31';
import { ErrorStatus, errorResponse } from './responses';
import { describeValidationLimits, validatedClasses } from './validation-limits';

type Operation = { operationId?: string; parameters?: Array<Record<string, unknown>>; responses: Record<string, unknown>; security?: unknown[] };

const WRITES = new Set(['post', 'put', 'patch', 'delete']);

/** API.md "Conventions": `Idempotency-Key` on authenticated writes (the gateway README's rules). */
const IDEMPOTENCY_KEY = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description: 'Retry safely: the first successful answer is replayed (with `Idempotent-Replayed: true`) for 24 h',
  schema: { type: 'string', pattern: '^[A-Za-z0-9_.:-]{1,200}$' },
};

/** A Nest route as the document names it: `<Controller>_<method>`, @nestjs/swagger's operationId. */
export interface RouteHandler {
  operationId: string;
  method: string;
  path: string;
  isPublic: boolean;
}

/** Every route of the app's controllers, with whether `@Public()` frees it from the bearer token. */
export function routeHandlers(app: INestApplication): RouteHandler[] {
  const routes: RouteHandler[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: never[]) => object) | null;
      if (!controller) continue;
      const base = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = (controller.prototype as Record<string, unknown>)[name];
        if (name === 'constructor' || typeof handler !== 'function' || Reflect.getMetadata(PATH_METADATA, handler) === undefined) continue;
        const path = `/${[base, String(Reflect.getMetadata(PATH_METADATA, handler))].join('/')}`.replace(/\/+/g, '/').replace(/(.)\/$/, '$1');
        const method = ['get', 'post', 'put', 'delete', 'patch', 'all', 'options', 'head'][Reflect.getMetadata(METHOD_METADATA, handler) as number];
        const isPublic = Boolean(Reflect.getMetadata(IS_PUBLIC, handler) ?? Reflect.getMetadata(IS_PUBLIC, controller));
        routes.push({ operationId: `${controller.name}_${name}`, method, path: path.replace(/:(\w+)/g, '{$1}'), isPublic });
      }
    }
  }
  return routes;
}

/**
 * The errors every operation can answer, by API.md's conventions: 400 (the input policy covers every
 * query and body), 401 without a valid token, 404 for a path id, 429 and 503; authenticated writes take
 * `Idempotency-Key`, whose misuse answers 409 or 422.
 */
function addConventions(operation: Operation, method: string, isPublic: boolean): void {
  operation.parameters = withoutRepeats(operation.parameters ?? []);
  const statuses: ErrorStatus[] = [400, 429, 503];
  if (!isPublic) statuses.push(401);
  if (operation.parameters?.some((parameter) => parameter.in === 'path')) statuses.push(404);
  if (!isPublic && WRITES.has(method)) {
    statuses.push(409, 422);
    operation.parameters = [...(operation.parameters ?? []), IDEMPOTENCY_KEY];
  }
  for (const status of statuses) operation.responses[status] ??= errorResponse(status);
  operation.responses = Object.fromEntries(Object.entries(operation.responses).sort(([a], [b]) => a.localeCompare(b)));
  // Public operations (sign-up, log-in, signed ingress, health) need no token.
  operation.security = isPublic ? [] : [{ bearer: [] }];
}

/**
 * A header read with `@Headers('x-…')` and described with `@ApiHeader` is one parameter (header names
 * are case-insensitive): the described one is kept.
 */
function withoutRepeats(parameters: Array<Record<string, unknown>>): Array<Record<string, unknown>> {
  const key = (parameter: Record<string, unknown>) => `${String(parameter.in)}:${String(parameter.name).toLowerCase()}`;
  const last = new Map(parameters.map((parameter) => [key(parameter), parameter]));
  return parameters.filter((parameter) => last.get(key(parameter)) === parameter);
}

/** The OpenAPI 3.1 document of the gateway (`GET /v1/openapi.json`, `/docs`). */
export function buildApiDocument(app: INestApplication): OpenAPIObject {
  describeValidationLimits();
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setOpenAPIVersion('3.1.0')
      .setTitle('Omnibox gateway API')
      .setDescription(
        'The team inbox API (API.md): workspace directory, channels and their signed ingress, contacts, conversations, inbox views, search, attachments, notifications, calls, realtime. ' +
          'Every answer is JSON unless an operation says otherwise; errors are `{error:{code, message, details?}}`. Lists answer `{items, nextCursor}`; pass `nextCursor` back as `?cursor=`.',
      )
      .setVersion('1')
      .addBearerAuth({ type: 'http', description: 'A session token (POST /v1/auth/login, POST /v1/workspaces) or an API token (`oat_…`)' }, 'bearer')
      .addSecurityRequirements('bearer')
      .build(),
  );
  const publicOperations = new Set(routeHandlers(app).filter((route) => route.isPublic).map((route) => route.operationId));
  for (const operations of Object.values(document.paths)) {
    for (const [method, operation] of Object.entries(operations as Record<string, Operation>)) {
      if (typeof operation !== 'object' || !operation?.responses) continue;
      addConventions(operation, method, publicOperations.has(operation.operationId ?? ''));
    }
  }
  document.paths = { ...document.paths, ...HEALTH_PATHS };
  // Request bodies: the validation refuses fields a DTO does not name (`forbidNonWhitelisted`).
  const schemas = document.components?.schemas ?? {};
  for (const dto of validatedClasses()) {
    const schema = schemas[dto.name] as { type?: string; additionalProperties?: boolean } | undefined;
    if (schema?.type === 'object') schema.additionalProperties = false;
  }
  document.components = { ...document.components, schemas: { ...schemas, ...registeredSchemas() } };
  return toOpenApi31(document);
}
