/**
 * FLT-5 advanced filters: conditions on a thread and its contact, combined with AND, saved as custom
 * views (INB-3). Validated when a view is saved, evaluated on every row a custom view lists.
 */
export const FILTER_OPS = ['eq', 'neq', 'in', 'exists', 'gt', 'lt'] as const;
export type FilterOp = (typeof FILTER_OPS)[number];
export const FILTER_FIELDS = ['status', 'assigneeId', 'teamId', 'channelId', 'tag', 'language', 'countryCode', 'unreplied', 'lastMessageAt'] as const;

export interface FilterCondition {
  field: string;
  op: FilterOp;
  value?: unknown;
}

export interface AdvancedFilter {
  all: FilterCondition[];
}

/** What a condition can look at: the thread's fields and its contact's attributes. */
export interface FilterSubject {
  status: string;
  assigneeId: string | null;
  teamId: string | null;
  channelId: string | null;
  tags: string[];
  language: string | null;
  countryCode: string | null;
  unreplied: boolean;
  lastMessageAt: string | null;
  customFields: Record<string, unknown>;
}

const CUSTOM_FIELD = /^customFields\.[A-Za-z0-9_-]{1,64}$/;

/** The first problem of a filter as `{field, message}` (API.md 400 naming the field), or null. */
export function filterProblem(filter: unknown): { field: string; message: string } | null {
  if (typeof filter !== 'object' || filter === null || !Array.isArray((filter as AdvancedFilter).all)) return { field: 'filter.all', message: 'must be a list of {field, op, value} conditions' };
  const conditions = (filter as AdvancedFilter).all;
  if (conditions.length > 20) return { field: 'filter.all', message: 'has at most 20 conditions' };
  for (const [i, condition] of conditions.entries()) {
    const at = `filter.all[${i}]`;
    if (typeof condition !== 'object' || condition === null) return { field: at, message: 'must be {field, op, value}' };
    if (typeof condition.field !== 'string' || !((FILTER_FIELDS as readonly string[]).includes(condition.field) || CUSTOM_FIELD.test(condition.field))) {
      return { field: `${at}.field`, message: `must be one of ${FILTER_FIELDS.join(', ')} or customFields.<key>` };
    }
    if (!(FILTER_OPS as readonly string[]).includes(condition.op)) return { field: `${at}.op`, message: `must be one of ${FILTER_OPS.join(', ')}` };
    if (condition.op === 'in' && !Array.isArray(condition.value)) return { field: `${at}.value`, message: 'must be a list for op "in"' };
    if (condition.op === 'exists' && typeof condition.value !== 'boolean' && condition.value !== undefined) return { field: `${at}.value`, message: 'must be true or false for op "exists"' };
    if ((condition.op === 'gt' || condition.op === 'lt') && typeof condition.value !== 'string' && typeof condition.value !== 'number') {
      return { field: `${at}.value`, message: 'must be a number or an ISO time for op "gt" / "lt"' };
    }
    if (condition.field === 'status' && condition.op === 'eq' && !['open', 'closed', 'snoozed'].includes(String(condition.value))) {
      return { field: `${at}.value`, message: 'must be open, closed or snoozed' };
    }
  }
  return null;
}

function valueOf(subject: FilterSubject, field: string): unknown {
  if (field.startsWith('customFields.')) return subject.customFields?.[field.slice('customFields.'.length)] ?? null;
  if (field === 'tag') return subject.tags ?? [];
  return (subject as unknown as Record<string, unknown>)[field] ?? null;
}

const same = (a: unknown, b: unknown) => (typeof a === 'string' && typeof b === 'string' ? a.toLowerCase() === b.toLowerCase() : a === b);

function test(actual: unknown, condition: FilterCondition): boolean {
  if (Array.isArray(actual)) {
    // tag: eq / in = has one of them, neq = has none, exists = has any
    switch (condition.op) {
      case 'eq':
        return actual.some((item) => same(item, condition.value));
      case 'neq':
        return !actual.some((item) => same(item, condition.value));
      case 'in':
        return actual.some((item) => (condition.value as unknown[]).some((value) => same(item, value)));
      case 'exists':
        return (actual.length > 0) === (condition.value !== false);
      default:
        return false;
    }
  }
  switch (condition.op) {
    case 'eq':
      return same(actual, condition.value);
    case 'neq':
      return !same(actual, condition.value);
    case 'in':
      return (condition.value as unknown[]).some((value) => same(actual, value));
    case 'exists':
      return (actual !== null && actual !== undefined && actual !== '') === (condition.value !== false);
    case 'gt':
      return actual !== null && actual !== undefined && (actual as string | number) > (condition.value as string | number);
    case 'lt':
      return actual !== null && actual !== undefined && (actual as string | number) < (condition.value as string | number);
  }
}

/** FLT-5: every condition holds (AND). */
export function matchesFilter(subject: FilterSubject, filter: AdvancedFilter | null | undefined): boolean {
  return (filter?.all ?? []).every((condition) => test(valueOf(subject, condition.field), condition));
}
