import { ServiceConfig, WithMongo, WithServicePorts } from '@omnibox/platform';

/** Environment of the contacts service; see README.md for each variable. */
export class ContactsConfig extends WithServicePorts(WithMongo(ServiceConfig)) {
  override HTTP_PORT = 3102;
  override GRPC_PORT = 50052;
  override MONGODB_DATABASE = 'omnibox_contacts';
}
