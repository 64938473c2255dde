import { ChannelOptions, Client, credentials, loadPackageDefinition, ServiceError } from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { OnModuleDestroy } from '@nestjs/common';
import { CallerScope, protoFile } from '@omnibox/contracts';
import { currentCorrelationId, grpcClientDuration, injectTraceContext, inSpan, SpanKind } from '@omnibox/platform';
import { callerMetadata } from './caller-metadata';
import { fromGrpcError } from './errors';
import { GrpcContract, PROTO_LOADER_OPTIONS } from './server';
import type { RpcAnswer, RpcMethod, RpcRequest } from './typed';

export interface GrpcClientOptions {
  contract: GrpcContract;
  /** Service name inside the package, e.g. `Contacts`. */
  service: string;
  /** `host:port` of the service. */
  url: string;
  /** Signs the caller scope (INTERNAL_SECRET). */
  secret: string;
  /** Named in errors when the service cannot be reached, e.g. `contacts service`. */
  displayName: string;
  defaultTimeoutMs?: number;
}

const CHANNEL_OPTIONS: ChannelOptions = {
  'grpc.keepalive_time_ms': 30_000,
  'grpc.keepalive_timeout_ms': 5_000,
  'grpc.initial_reconnect_backoff_ms': 200,
  'grpc.max_reconnect_backoff_ms': 2_000,
};

type UnaryMethod = (request: unknown, metadata: unknown, options: { deadline: Date }, callback: (error: ServiceError | null, response: unknown) => void) => void;

/**
 * A client of one gRPC service, typed by the service definition generated from its .proto file (`D`,
 * e.g. `ConversationsDefinition`): requests and answers are the contract's messages. Every call carries
 * the caller's signed scope and a deadline, and a failure comes back as the same AppError the service
 * raised (or 503 when it cannot be reached).
 *
 * The gateway has one injectable subclass per service (e.g. `ConversationsClient`), constructed from
 * its config; nothing else creates clients.
 */
export class GrpcClient<D = Record<string, never>> implements OnModuleDestroy {
  private readonly client: Client;

  constructor(private readonly options: GrpcClientOptions) {
    const definition = loadSync(protoFile(options.contract.file), PROTO_LOADER_OPTIONS);
    const loaded = loadPackageDefinition(definition) as Record<string, unknown>;
    const pkg = options.contract.package.split('.').reduce<Record<string, unknown>>((node, part) => node[part] as Record<string, unknown>, loaded);
    const ServiceClient = pkg[options.service] as new (url: string, creds: ReturnType<typeof credentials.createInsecure>, opts: ChannelOptions) => Client;
    if (!ServiceClient) throw new Error(`${options.contract.package}.${options.service} is not in ${options.contract.file}`);
    this.client = new ServiceClient(options.url, credentials.createInsecure(), CHANNEL_OPTIONS);
  }

  call<M extends RpcMethod<D>>(method: M, request: RpcRequest<D, M>, caller: CallerScope, timeoutMs = this.options.defaultTimeoutMs ?? 5000): Promise<RpcAnswer<D, M>> {
    const fn = (this.client as unknown as Record<string, UnaryMethod>)[method];
    if (typeof fn !== 'function') return Promise.reject(new Error(`${this.options.service} has no method ${method}`));
    const service = this.options.service;
    return inSpan(`gRPC ${service}/${method}`, SpanKind.CLIENT, { 'rpc.system': 'grpc', 'rpc.service': service, 'rpc.method': method }, () => {
      // The request's correlation id follows the call unless the caller carries one already; the trace
      // context travels in the metadata too.
      const metadata = callerMetadata({ ...caller, correlationId: caller.correlationId ?? currentCorrelationId() }, this.options.secret);
      injectTraceContext((key, value) => metadata.set(key, value));
      const stop = grpcClientDuration.startTimer({ service, method });
      return new Promise<RpcAnswer<D, M>>((resolve, reject) => {
        fn.call(this.client, request, metadata, { deadline: new Date(Date.now() + timeoutMs) }, (error, response) => {
          stop({ code: error ? String(error.code) : '0' });
          if (error) reject(fromGrpcError(error, this.options.displayName));
          else resolve(response as RpcAnswer<D, M>);
        });
      });
    });
  }

  close(): void {
    this.client.close();
  }

  onModuleDestroy(): void {
    this.close();
  }
}
