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

/** Whether `subject` is one of those `pattern` names (NATS wildcards: `*` one token, `>` the rest). */
export function subjectMatches(pattern: string, subject: string): boolean {
  const wanted = pattern.split('.');
  const tokens = subject.split('.');
  for (let i = 0; i < wanted.length; i++) {
    if (wanted[i] === '>') return tokens.length > i;
    if (i >= tokens.length || (wanted[i] !== '*' && wanted[i] !== tokens[i])) return false;
  }
  return wanted.length === tokens.length;
}

/**
 * The subjects a consumer is delivered. One that names the event types it handles gets only those
 * within its filter, one subject per type (`<prefix>.<workspace>.<type>`, as `subjectOf` writes them,
 * the workspace token taken from the filter): every event delivered costs the server a delivery and
 * an acknowledgement and the consumer a wake-up, and a consumer that only skipped what it does not
 * handle (the search indexer once read every event to index a few kinds) paid that for most of the
 * stream. A server older than 2.10 takes one filter: a consumer of one type still gets only it; one of
 * several keeps its `filter` and skips the other types by subject.
 */
export function subjectFilter(prefix: string, options: { filter?: string; types?: readonly string[] }, severalFilters: boolean): SubjectFilter {
  const filter = `${prefix}.${options.filter ?? '>'}`;
  const workspace = options.filter && !options.filter.startsWith('>') ? options.filter.split('.')[0] : '*';
  const subjects = [...new Set(options.types ?? [])]
    .sort()
    .map((type) => `${prefix}.${workspace}.${type}`)
    .filter((subject) => subjectMatches(filter, subject));
  if (subjects.length === 1) return { filter_subject: subjects[0] };
  if (subjects.length > 1 && severalFilters) return { filter_subjects: subjects };
  return { filter_subject: filter };
}
