import type { Restriction, Role } from '@omnibox/contracts';
import type { Refusal } from './roles';

/** A restriction narrows what an agent sees (VIS-2); owners and managers always see everything (VIS-1). */
export function effectiveRestriction(role: Role, requested: Restriction | undefined): Restriction | Refusal {
  if (role !== 'agent') {
    if (requested && requested !== 'none') {
      return { status: 400, code: 'invalid_input', field: 'restriction', message: 'restriction: only agents can be restricted; owners and managers see everything' };
    }
    return 'none';
  }
  return requested ?? 'none';
}
