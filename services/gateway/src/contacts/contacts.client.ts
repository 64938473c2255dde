import { Inject, Injectable } from '@nestjs/common';
import type { ContactsDefinition } from '@omnibox/contracts';
import { CONFIG } from '@omnibox/platform';
import { CONTACTS_CONTRACT, GrpcClient } from '@omnibox/rpc';
import type { GatewayConfig } from '../config';

/** The gateway's gRPC client of the contacts service. */
@Injectable()
export class ContactsClient extends GrpcClient<ContactsDefinition> {
  constructor(@Inject(CONFIG) config: GatewayConfig) {
    super({ contract: CONTACTS_CONTRACT, service: 'Contacts', url: config.CONTACTS_GRPC_URL, secret: config.INTERNAL_SECRET, displayName: 'contacts service' });
  }
}
