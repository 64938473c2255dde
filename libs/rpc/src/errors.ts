import { Metadata, ServiceError, status as GrpcStatus } from '@grpc/grpc-js';
import { AppError } from '@omnibox/platform';

const ERROR_KEY = 'x-omnibox-error';

const GRPC_BY_HTTP: Record<number, GrpcStatus> = {
  400: GrpcStatus.INVALID_ARGUMENT,
  401: GrpcStatus.UNAUTHENTICATED,
  403: GrpcStatus.PERMISSION_DENIED,
  404: GrpcStatus.NOT_FOUND,
  409: GrpcStatus.ALREADY_EXISTS,
  422: GrpcStatus.FAILED_PRECONDITION,
  429: GrpcStatus.RESOURCE_EXHAUSTED,
  503: GrpcStatus.UNAVAILABLE,
};

const HTTP_BY_GRPC: Partial<Record<GrpcStatus, number>> = {
  [GrpcStatus.INVALID_ARGUMENT]: 400,
  [GrpcStatus.UNAUTHENTICATED]: 401,
  [GrpcStatus.PERMISSION_DENIED]: 403,
  [GrpcStatus.NOT_FOUND]: 404,
  [GrpcStatus.ALREADY_EXISTS]: 409,
  [GrpcStatus.FAILED_PRECONDITION]: 422,
  [GrpcStatus.RESOURCE_EXHAUSTED]: 429,
  [GrpcStatus.UNAVAILABLE]: 503,
  [GrpcStatus.DEADLINE_EXCEEDED]: 503,
};

/** The API status a gRPC status code stands for (500 for any other code): the `code` label of served calls. */
export function httpStatusOfGrpc(code: number | undefined): number {
  return HTTP_BY_GRPC[code as GrpcStatus] ?? 500;
}

/** The gRPC error a service answers for an AppError; the full error travels in metadata. */
export function toGrpcError(error: AppError): { code: GrpcStatus; message: string; metadata: Metadata } {
  const metadata = new Metadata();
  metadata.set(ERROR_KEY, Buffer.from(JSON.stringify(error.toBody().error)).toString('base64url'));
  return { code: GRPC_BY_HTTP[error.status] ?? GrpcStatus.INTERNAL, message: error.message, metadata };
}

/** The AppError a gateway raises for a failed call, so the client sees the service's own answer. */
export function fromGrpcError(error: ServiceError, service: string): AppError {
  const encoded = error.metadata?.get(ERROR_KEY)[0];
  const status = HTTP_BY_GRPC[error.code as GrpcStatus];
  if (typeof encoded === 'string' && status) {
    const body = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8')) as { code: string; message: string; details?: Record<string, unknown> };
    return new AppError(status, body.code, body.message, body.details);
  }
  if (error.code === GrpcStatus.UNAVAILABLE || error.code === GrpcStatus.DEADLINE_EXCEEDED) {
    return new AppError(503, 'dependency_unavailable', `${service} is unavailable, retry later`, { dependency: service });
  }
  return new AppError(500, 'internal_error', 'Something went wrong on our side; it has been logged');
}
