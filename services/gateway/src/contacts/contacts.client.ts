import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { CallerScope } from '@omnibox/contracts';
import { CONFIG, currentCorrelationId } from '@omnibox/platform';
import { CONTACTS_CONTRACT, GrpcClient } from '@omnibox/rpc';
import type { GatewayConfig } from '../config';

/** The gateway's gRPC client of the contacts service. */
@Injectable()
export class ContactsClient implements OnModuleDestroy {
  private readonly client: GrpcClient;

  constructor(@Inject(CONFIG) config: GatewayConfig) {
    this.client = new GrpcClient({
      contract: CONTACTS_CONTRACT,
      service: 'Contacts',
      url: config.CONTACTS_GRPC_URL,
      secret: config.INTERNAL_SECRET,
      displayName: 'contacts service',
    });
  }

  call<Response>(method: string, request: object, caller: CallerScope): Promise<Response> {
    return this.client.call<Response>(method, request, { ...caller, correlationId: currentCorrelationId() });
  }

  onModuleDestroy() {
    this.client.close();
  }
}
