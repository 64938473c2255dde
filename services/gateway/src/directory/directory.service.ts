import { Injectable } from '@nestjs/common';
import { Authenticate } from '../auth/application/authenticate';
import type { Principal } from '../auth/principal';

/**
 * TRANSITIONAL: the realtime hub resolves a socket's token through `DirectoryService.authenticate`
 * today. Authentication is auth's (`Authenticate`, auth/application/authenticate.ts); new code
 * injects that, and this file goes once nothing imports it.
 */
@Injectable()
export class DirectoryService {
  constructor(private readonly authenticator: Authenticate) {}

  authenticate(token: string): Promise<Principal | null> {
    return this.authenticator.execute(token);
  }
}
