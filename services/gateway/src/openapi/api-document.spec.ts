import 'reflect-metadata';
import { INestApplication } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { ModulesContainer, NestFactory } from '@nestjs/core';
import { OpenAPIObject } from '@nestjs/swagger';
import { getMetadataStorage, ValidationTypes } from 'class-validator';
import { loadConfig } from '@omnibox/platform';
import { GatewayModule } from '../app.module';
import { GatewayConfig } from '../config';
import { buildApiDocument, routeHandlers } from './api-document';
import { Dto, limitsOf } from './validation-limits';

// A JSON Schema is read keyword by keyword, whatever its shape.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Schema = Record<string, any>;
type Operation = { operationId: string; parameters?: Schema[]; requestBody?: Schema; responses: Record<string, Schema>; security?: unknown[] };

// Preview mode builds the module graph without instantiating anything: no engine is reached.
const ENV = { NATS_URL: 'nats://127.0.0.1:1', MONGODB_URL: 'mongodb://127.0.0.1:1/', REDIS_URL: 'redis://127.0.0.1:1', S3_ENDPOINT: 'http://127.0.0.1:1', S3_BUCKET: 'omnibox-doc', JWT_SECRET: 'j'.repeat(40), INTERNAL_SECRET: 'i'.repeat(40) };
const PUBLIC = ['POST /v1/workspaces', 'POST /v1/auth/login', 'POST /v1/channels/{channelId}/events', 'GET /v1/channels/{channelId}/webhook', 'POST /v1/channels/{channelId}/webhook', 'GET /health/live', 'GET /health/ready'];

let app: INestApplication;
let document: OpenAPIObject;
const operations: Array<[string, Operation]> = [];

beforeAll(async () => {
  app = await NestFactory.create(GatewayModule.forRoot(loadConfig(GatewayConfig, ENV)), { preview: true, logger: false, abortOnError: false });
  document = JSON.parse(JSON.stringify(buildApiDocument(app)));
  for (const [path, methods] of Object.entries(document.paths)) for (const [method, operation] of Object.entries(methods)) operations.push([`${method.toUpperCase()} ${path}`, operation as Operation]);
});
afterAll(() => app.close());

const resolve = (schema: Schema): Schema => (schema.$ref ? resolve(document.components!.schemas![schema.$ref.split('/').pop()!] as Schema) : schema);

/** The DTO classes a body DTO validates inside it (`@ValidateNested` with `@Type`), at any depth. */
function nestedDtos(dto: Dto, seen = new Set<Dto>()): Dto[] {
  for (const entry of getMetadataStorage().getTargetValidationMetadatas(dto as never, '', true, false)) {
    if (entry.type !== ValidationTypes.NESTED_VALIDATION) continue;
    const type = Reflect.getMetadata('design:type', dto.prototype, entry.propertyName) as Dto | undefined;
    if (type && type !== Object && type !== Array && !seen.has(type)) {
      seen.add(type);
      nestedDtos(type, seen);
    }
  }
  return [...seen];
}

/** The request DTOs of each route: its `@Body()` and `@Query()` classes. */
function requestDtos(): Array<{ route: string; in: 'body' | 'query'; dto: Dto }> {
  const found: Array<{ route: string; in: 'body' | 'query'; dto: Dto }> = [];
  const routes = new Map(routeHandlers(app).map((route) => [route.operationId, route]));
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as Dto;
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        const args: Record<string, { index: number }> = Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, name) ?? {};
        const types: unknown[] = Reflect.getMetadata('design:paramtypes', controller.prototype, name) ?? [];
        const route = routes.get(`${controller.name}_${name}`);
        for (const [key, { index }] of Object.entries(args)) {
          const kind = Number(key.split(':')[0]) === RouteParamtypes.BODY ? 'body' : Number(key.split(':')[0]) === RouteParamtypes.QUERY ? 'query' : null;
          const dto = types[index] as Dto;
          if (route && kind && typeof dto === 'function' && dto !== Object) found.push({ route: `${route.method.toUpperCase()} ${route.path}`, in: kind, dto });
        }
      }
    }
  }
  return found;
}

describe('the OpenAPI document (GET /v1/openapi.json)', () => {
  it('is OpenAPI 3.1: nullable values are typed null, never 3.0 `nullable`', () => {
    expect(document.openapi).toBe('3.1.0');
    expect(JSON.stringify(document)).not.toContain('"nullable"');
  });

  it('describes every route the gateway serves, health and the realtime socket included', () => {
    const documented = new Set(operations.map(([name]) => name));
    const missing = routeHandlers(app).map((route) => `${route.method.toUpperCase()} ${route.path}`).filter((route) => !documented.has(route));
    expect(missing).toEqual([]);
    for (const name of ['GET /health/live', 'GET /health/ready', 'GET /v1/realtime', 'POST /v1/channels/{channelId}/events']) expect(documented).toContain(name);
  });

  it('every operation documents its success answer with a schema (no content only for 204, 101 and redirects)', () => {
    const lacking = operations.filter(([, operation]) => {
      const successes = Object.entries(operation.responses).filter(([status]) => /^[123]/.test(status));
      return successes.length === 0 || successes.some(([status, response]) => !['204', '101', '302'].includes(status) && !(Object.values(response.content ?? {}) as Schema[]).every((media) => media.schema));
    });
    expect(lacking.map(([name]) => name)).toEqual([]);
  });

  it('every operation documents its errors in API.md\'s shape, with Retry-After on 429', () => {
    for (const [name, operation] of operations) {
      const errors = Object.entries(operation.responses).filter(([status]) => Number(status) >= 400);
      // Only liveness cannot fail for a dependency: it answers while the process is up.
      expect({ name, has400: errors.some(([status]) => status === '400'), has503: errors.some(([status]) => status === '503') }).toEqual({ name, has400: true, has503: name !== 'GET /health/live' });
      for (const [status, response] of errors) {
        expect({ name, status, schema: response.content?.['application/json']?.schema }).toEqual({ name, status, schema: { $ref: '#/components/schemas/Error' } });
        if (status === '429') expect(response.headers?.['Retry-After']).toBeDefined();
      }
    }
  });

  it('public operations need no token; every other one needs the bearer token and documents 401', () => {
    for (const [name, operation] of operations) {
      if (PUBLIC.includes(name)) expect({ name, security: operation.security }).toEqual({ name, security: [] });
      else expect({ name, security: operation.security, has401: '401' in operation.responses }).toEqual({ name, security: [{ bearer: [] }], has401: true });
    }
  });

  it('every reference names a schema of the document', () => {
    const refs = [...JSON.stringify(document).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((match) => match[1]);
    expect(refs.filter((name) => !document.components?.schemas?.[name])).toEqual([]);
  });

  it('every limit a request DTO enforces (format, length, pattern, enum, range, size) is in the document', () => {
    const dtos = requestDtos();
    expect(dtos.length).toBeGreaterThan(30);
    for (const { route, in: where, dto } of dtos) {
      const { properties, unexpressed } = limitsOf(dto);
      expect({ dto: dto.name, unexpressed }).toEqual({ dto: dto.name, unexpressed: [] });
      const [path, method] = [route.split(' ')[1], route.split(' ')[0].toLowerCase()];
      const operation = (document.paths[path] as Record<string, Operation>)[method];
      for (const [property, limits] of properties) {
        const schema: Schema | undefined =
          where === 'body'
            ? resolve(operation.requestBody!.content['application/json'].schema).properties?.[property]
            : operation.parameters?.find((parameter) => parameter.in === 'query' && parameter.name === property)?.schema;
        const described = schema && ('$ref' in schema || 'allOf' in schema) ? { ...schema, ...resolve(schema.allOf?.[0] ?? schema) } : schema;
        const { isArray, type, ...keywords } = limits.keywords;
        // A type may also allow null (`PATCH` clears a detail with null).
        const typed = type === undefined ? {} : { type: Array.isArray(described?.type) ? expect.arrayContaining([type]) : type };
        const expected = { ...keywords, ...typed, ...(isArray ? { type: 'array', items: expect.objectContaining(limits.items) } : limits.items) };
        expect({ route, property, described }).toEqual({ route, property, described: expect.objectContaining(expected) });
      }
    }
  });

  it('an optional body field refuses null (400) unless the document types it nullable', () => {
    // class-validator's @IsOptional skips a null as if absent: that let null through to trims, hashes and
    // stored booleans (500s and a stored null, found by test:fuzz). Optional() / Nullable() say which.
    const skipsNull: string[] = [];
    for (const { route, dto } of requestDtos()) {
      const nested = [dto, ...nestedDtos(dto)];
      for (const target of nested) {
        for (const entry of getMetadataStorage().getTargetValidationMetadatas(target as never, '', true, false)) {
          if (entry.type !== ValidationTypes.CONDITIONAL_VALIDATION) continue;
          const condition = entry.constraints[0] as (object: object, value: unknown) => boolean;
          if (condition({ [entry.propertyName]: null }, null)) continue;
          const schema = resolve(document.components!.schemas![target.name] as Schema).properties?.[entry.propertyName] ?? {};
          const types = [schema.type, ...(schema.anyOf ?? schema.oneOf ?? []).map((option: Schema) => option.type)].flat();
          if (!types.includes('null')) skipsNull.push(`${route} ${target.name}.${entry.propertyName}`);
        }
      }
    }
    expect(skipsNull).toEqual([]);
  });

  it('request bodies refuse fields they do not name, as the validation does', () => {
    for (const { route, in: where } of requestDtos().filter((dto) => dto.in === 'body')) {
      const [path, method] = [route.split(' ')[1], route.split(' ')[0].toLowerCase()];
      const schema = resolve((document.paths[path] as Record<string, Operation>)[method].requestBody!.content['application/json'].schema);
      expect({ route, where, additionalProperties: schema.additionalProperties }).toEqual({ route, where, additionalProperties: false });
    }
  });
});
