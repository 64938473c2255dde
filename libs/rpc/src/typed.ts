import type { MethodDefinition } from '@grpc/proto-loader';
import type { CallerScope } from '@omnibox/contracts';

/**
 * Types of a gRPC contract, read off the definitions generated from its .proto file
 * (libs/contracts/src/generated, `npm run proto`): a changed contract is a compile error in the
 * gateway's client calls and in the service's handlers alike.
 */

/** The RPC names of a generated service definition (without its index signature). */
export type RpcMethod<D> = keyof { [K in keyof D as string extends K ? never : number extends K ? never : K]: D[K] } & string;

/** What a client sends to method M (the permissive "input" type: optional fields may be left out). */
export type RpcRequest<D, M extends RpcMethod<D>> = D[M] extends MethodDefinition<infer Request, infer _Reply, infer _Received, infer _Answer> ? Request : never;

/** What a client receives from method M (every field present, defaults filled in). */
export type RpcAnswer<D, M extends RpcMethod<D>> = D[M] extends MethodDefinition<infer _Request, infer _Reply, infer _Received, infer Answer> ? Answer : never;

/** What a service's handler of method M receives. */
export type RpcReceived<D, M extends RpcMethod<D>> = D[M] extends MethodDefinition<infer _Request, infer _Reply, infer Received, infer _Answer> ? Received : never;

/** What a service's handler of method M answers. */
export type RpcReply<D, M extends RpcMethod<D>> = D[M] extends MethodDefinition<infer _Request, infer Reply, infer _Received, infer _Answer> ? Reply : never;

/**
 * The gRPC controller of a service implements this for each of its contracts: one method per RPC,
 * named as the RPC in lower camel case (what `@GrpcMethod('<Service>')` maps it to), taking the
 * received message and the verified caller (`@Payload()`, `@Caller()`).
 */
export type RpcHandlers<D> = {
  [M in RpcMethod<D> as Uncapitalize<M>]: (request: RpcReceived<D, M>, caller: CallerScope) => Promise<RpcReply<D, M>>;
};
