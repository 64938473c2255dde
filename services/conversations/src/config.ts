import { ServiceConfig, WithMongo, WithRedis, WithServicePorts } from '@omnibox/platform';

/** Environment of the conversations service; see README.md for each variable. */
export class ConversationsConfig extends WithServicePorts(WithRedis(WithMongo(ServiceConfig))) {
  override HTTP_PORT = 3101;
  override GRPC_PORT = 50051;
  override MONGODB_DATABASE = 'omnibox_conversations';
}
