import type { CallerScope, EventDefinition, EventEnvelope } from '@omnibox/contracts';
import { currentCorrelationId } from '@omnibox/platform';

/** An event of this workspace, by the caller, under the request's correlation id (or the one given, in a batch). */
export function announce<T>(definition: EventDefinition<T>, caller: CallerScope, aggregateId: string, data: T, correlationId = currentCorrelationId()): EventEnvelope<T> {
  return definition.create({
    workspaceId: caller.workspaceId,
    aggregateId,
    data,
    actor: { kind: caller.kind, id: caller.principalId },
    correlationId,
  });
}
