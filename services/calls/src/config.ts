import { ServiceConfig, WithMongo, WithServicePorts } from '@omnibox/platform';

/** Environment of the calls service; see README.md for each variable. */
export class CallsConfig extends WithServicePorts(WithMongo(ServiceConfig)) {
  override HTTP_PORT = 3104;
  override GRPC_PORT = 50054;
  override MONGODB_DATABASE = 'omnibox_calls';
}
