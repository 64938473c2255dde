import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { CallerScope, DirectoryUser } from '@omnibox/contracts';

/** Who made the request: their scope (passed to services) and, for users, their directory entry. */
export interface Principal {
  scope: CallerScope;
  user?: DirectoryUser;
  apiToken?: { id: string; name: string };
}

export { IS_PUBLIC, Public } from '@omnibox/platform';

/** The request's principal, set by the auth guard. */
export const CurrentPrincipal = createParamDecorator((_data: unknown, context: ExecutionContext): Principal => {
  return context.switchToHttp().getRequest().principal;
});
