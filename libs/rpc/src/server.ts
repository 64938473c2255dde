import { ArgumentsHost, Catch, Controller, Inject } from '@nestjs/common';
import { GrpcMethod, GrpcOptions, Transport } from '@nestjs/microservices';
import { checkReadiness, DEPENDENCY_CHECKS, DependencyCheck, getLogger } from '@omnibox/platform';
import { HttpErrorFilter, toAppError } from '@omnibox/platform';
import { throwError } from 'rxjs';
import { protoFile } from '@omnibox/contracts';
import { toGrpcError } from './errors';

export interface GrpcContract {
  /** Protobuf package, e.g. `omnibox.contacts.v1`. */
  package: string;
  /** File name under libs/contracts/proto. */
  file: string;
}

export const HEALTH_CONTRACT: GrpcContract = { package: 'grpc.health.v1', file: 'health.proto' };

export const PROTO_LOADER_OPTIONS = { keepCase: true, longs: String, enums: String, defaults: true, oneofs: true, arrays: true, objects: true };

/** Options for a service's gRPC server: its own contracts plus the standard health service. */
export function grpcServerOptions(host: string, port: number, contracts: GrpcContract[]): GrpcOptions {
  const all = [HEALTH_CONTRACT, ...contracts];
  return {
    transport: Transport.GRPC,
    options: {
      url: `${host}:${port}`,
      package: all.map((contract) => contract.package),
      protoPath: all.map((contract) => protoFile(contract.file)),
      loader: PROTO_LOADER_OPTIONS,
      gracefulShutdown: true,
      // Clients reconnect every few minutes, so replicas added by the autoscaler receive calls too.
      channelOptions: { 'grpc.max_connection_age_ms': 5 * 60_000, 'grpc.max_connection_age_grace_ms': 30_000 },
    },
  };
}

/**
 * The error filter of a backend service, for both of its faces: HTTP answers in API.md's shape, gRPC
 * calls fail in the shape the gateway turns back into the same API error. One filter, because Nest
 * only applies a hybrid app's own global filters to its gRPC handlers (`inheritAppConfig`).
 */
@Catch()
export class ServiceErrorFilter extends HttpErrorFilter {
  override catch(exception: unknown, host: ArgumentsHost): unknown {
    if (host.getType() !== 'rpc') return super.catch(exception, host);
    const error = toAppError(exception);
    if (error.status >= 500) getLogger().error({ err: exception }, 'gRPC call failed');
    return throwError(() => toGrpcError(error));
  }
}

/** The standard gRPC health check, SERVING only while every engine the service needs answers. */
@Controller()
export class GrpcHealthController {
  constructor(@Inject(DEPENDENCY_CHECKS) private readonly checks: DependencyCheck[]) {}

  @GrpcMethod('Health', 'Check')
  async check(): Promise<{ status: 'SERVING' | 'NOT_SERVING' }> {
    const report = await checkReadiness(this.checks);
    return { status: report.ready ? 'SERVING' : 'NOT_SERVING' };
  }
}
