/** What a durable consumer is delivered: one subject filter, or (NATS 2.10 and later) several. */
export interface SubjectFilter {
  filter_subject?: string;
  filter_subjects?: string[];
}

/** Whether a server of this version takes several filter subjects on one consumer (NATS 2.10). */
export function takesSeveralFilters(serverVersion: string | undefined): boolean {
  const match = /^v?(\d+)\.(\d+)\./.exec(serverVersion ?? '');
  if (!match) return false;
  const [major, minor] = [Number(match[1]), Number(match[2])];
  return major > 2 || (major === 2 && minor >= 10);
}

/**
 * The subjects a consumer is delivered. One that names the event types it handles gets only those,
 * one subject per type (`<prefix>.*.<type>`, as `subjectOf` writes them): every event delivered costs
 * the server a delivery and an acknowledgement and the consumer a wake-up, and a consumer that only
 * skipped what it does not handle (the search indexer once read every event to index three kinds)
 * paid that for most of the stream. A server older than 2.10 takes one filter: a consumer of one type
 * still gets only it; one of several keeps its `filter` and skips the other types by subject.
 */
export function subjectFilter(prefix: string, options: { filter?: string; types?: readonly string[] }, severalFilters: boolean): SubjectFilter {
  const types = [...new Set(options.types ?? [])].sort();
  if (types.length === 1) return { filter_subject: `${prefix}.*.${types[0]}` };
  if (types.length > 1 && severalFilters) return { filter_subjects: types.map((type) => `${prefix}.*.${type}`) };
  return { filter_subject: `${prefix}.${options.filter ?? '>'}` };
}
