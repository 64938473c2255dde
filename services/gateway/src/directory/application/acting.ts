import type { CallerScope, EventActor, EventDefinition, EventEnvelope } from '@omnibox/contracts';
import { AppError, currentCorrelationId } from '@omnibox/platform';
import type { Refusal } from '../domain/roles';

/** Answers a rule's refusal as API.md's error; past this call there was none. */
export function refuse(refusal: Refusal | null): asserts refusal is null {
  if (!refusal) return;
  throw new AppError(refusal.status, refusal.code, refusal.message, refusal.field ? { field: refusal.field } : undefined);
}

export function eventActor(scope: CallerScope): EventActor {
  return { kind: scope.kind, id: scope.principalId };
}

/** An event announcing a directory change, tied to the request that made it. */
export function announce<T>(definition: EventDefinition<T>, workspaceId: string, aggregateId: string, data: T, actor: EventActor): EventEnvelope<T> {
  return definition.create({ workspaceId, aggregateId, data, actor, correlationId: currentCorrelationId() });
}
