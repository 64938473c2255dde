/**
 * CNV-9: the data a workflow, a bot or a provider's channel event attaches to a timeline event is kept
 * as given and shown on the timeline, so it must be a document the database stores as it came. MongoDB
 * (and FerretDB) refuse a key with a `.` or a leading `$`, and FerretDB a list directly inside a list;
 * each had answered 500 (found by test:fuzz). The limits keep one event from swelling the thread it
 * belongs to.
 */
export const EVENT_DATA_LIMITS = { bytes: 16_384, depth: 8 } as const;

export interface EventDataProblem {
  field: string;
  message: string;
}

/**
 * Why `data` cannot be stored as given (the field is its path, e.g. `data.steps.0`), or null when it can.
 * `field` names where the request carries it: `data` in the API, `event.data` in a provider's event.
 */
export function eventDataProblem(data: Record<string, unknown>, field = 'data'): EventDataProblem | null {
  if (JSON.stringify(data).length > EVENT_DATA_LIMITS.bytes) return { field, message: `must be at most ${EVENT_DATA_LIMITS.bytes} characters of JSON` };
  return problemIn(data, field, 1);
}

function problemIn(value: unknown, path: string, depth: number): EventDataProblem | null {
  if (value === null || typeof value !== 'object') return null;
  if (depth > EVENT_DATA_LIMITS.depth) return { field: path, message: `must nest at most ${EVENT_DATA_LIMITS.depth} levels` };
  const entries: Array<[string, unknown]> = Array.isArray(value) ? value.map((item, index) => [String(index), item]) : Object.entries(value);
  for (const [key, item] of entries) {
    if (Array.isArray(value) && Array.isArray(item)) return { field: `${path}.${key}`, message: 'a list must not hold a list directly (wrap it in an object)' };
    if (!Array.isArray(value)) {
      if (key === '') return { field: path, message: 'must not have an empty key' };
      if (key.includes('.') || key.startsWith('$') || key.includes('\u0000')) return { field: `${path}.${key}`, message: 'a key must not contain "." or a NUL character, nor start with "$"' };
    }
    const found = problemIn(item, `${path}.${key}`, depth + 1);
    if (found) return found;
  }
  return null;
}
