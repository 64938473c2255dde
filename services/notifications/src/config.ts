import { ServiceConfig, WithMongo, WithRedis, WithServicePorts } from '@omnibox/platform';

/** Environment of the notifications service; see README.md for each variable. */
export class NotificationsConfig extends WithServicePorts(WithRedis(WithMongo(ServiceConfig))) {
  override HTTP_PORT = 3105;
  override GRPC_PORT = 50055;
  override MONGODB_DATABASE = 'omnibox_notifications';
}
