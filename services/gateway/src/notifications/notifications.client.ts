import { Inject, Injectable } from '@nestjs/common';
import type { NotificationsDefinition } from '@omnibox/contracts';
import { CONFIG } from '@omnibox/platform';
import { GrpcClient, NOTIFICATIONS_CONTRACT } from '@omnibox/rpc';
import type { GatewayConfig } from '../config';

/** The gateway's gRPC client of the notifications service. */
@Injectable()
export class NotificationsClient extends GrpcClient<NotificationsDefinition> {
  constructor(@Inject(CONFIG) config: GatewayConfig) {
    super({ contract: NOTIFICATIONS_CONTRACT, service: 'Notifications', url: config.NOTIFICATIONS_GRPC_URL, secret: config.INTERNAL_SECRET, displayName: 'notifications service' });
  }
}
