// Types generated from health.proto (`npm run proto`), for both ends of the contract.
export type { HealthDefinition } from '../generated/grpc/health/v1/Health';
