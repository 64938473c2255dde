import { registeredSchemas } from '../../../openapi/api-schemas';
import { parseProviderEvent } from './provider-event.parser';
import { PROVIDER_EVENT_EXAMPLES } from './provider-event.schema';

// A JSON Schema is read keyword by keyword, whatever its shape.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Schema = Record<string, any>;

// An event of each kind with every optional part present, so a probe of one field meets no other refusal.
const FULL: Record<string, Schema> = {
  ProviderMessageEvent: {
    ...PROVIDER_EVENT_EXAMPLES.message,
    contact: { externalId: 'c1', firstName: 'Rita', lastName: 'Ng', phone: '+6281', email: 'r@example.com' },
    message: { type: 'text', text: 'hi', attachment: { kind: 'image', url: 'https://x.test/a.png', fileName: 'a.png' }, email: { subject: 's', html: '<p>', cc: ['a@example.com'], messageId: 'm', inReplyTo: 'r' }, replyToId: 'p1' },
    referral: { code: 'ad-1', url: 'https://x.test/ad' },
  },
  ProviderStatusEvent: { ...PROVIDER_EVENT_EXAMPLES.status, error: 'none' },
  ProviderChannelEvent: { ...PROVIDER_EVENT_EXAMPLES.event, event: { category: 'page', type: 'visited', data: {} }, referral: { code: 'ad-1', url: 'https://x.test/ad' } },
  ProviderCallEvent: {
    ...PROVIDER_EVENT_EXAMPLES.call,
    call: { ...PROVIDER_EVENT_EXAMPLES.call.call, reason: 'busy', durationSeconds: 3, recording: { url: 'https://x.test/r.mp3', durationSeconds: 3, contentType: 'audio/mpeg' }, transcript: { text: 'hello', language: 'en' } },
  },
};

interface Limit {
  path: string[];
  keyword: 'maxLength' | 'maximum' | 'maxItems';
  at: number;
  pattern?: string;
}

/** Every `maxLength`, `maximum` and `maxItems` of a schema, by the path of its field. */
function limitsOf(schema: Schema, path: string[] = []): Limit[] {
  const variant = schema.oneOf ? schema.oneOf[0] : schema;
  const own = (['maxLength', 'maximum', 'maxItems'] as const).filter((keyword) => variant[keyword] !== undefined).map((keyword) => ({ path, keyword, at: variant[keyword], pattern: variant.pattern }));
  return [...own, ...Object.entries((variant.properties ?? {}) as Record<string, Schema>).flatMap(([key, child]) => limitsOf(child, [...path, key]))];
}

/** A value exactly `size` long (or large), kept inside the field's pattern. */
function valueOf(limit: Limit, size: number): unknown {
  if (limit.keyword === 'maximum') return size;
  if (limit.keyword === 'maxItems') return Array.from({ length: size }, () => 'a@example.com');
  const prefix = limit.pattern?.includes('[Hh][Tt]') ? 'https://' : '';
  return prefix + 'x'.repeat(size - prefix.length);
}

function withValue(event: Schema, path: string[], value: unknown): Schema {
  const copy = structuredClone(event);
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key];
  node[path[path.length - 1]] = value;
  return copy;
}

const refusal = (event: Schema): string | null => {
  try {
    parseProviderEvent(event);
    return null;
  } catch (error) {
    return (error as { details?: { field?: string } }).details?.field ?? String(error);
  }
};

describe('the documented ingress body and the ingress parser agree', () => {
  it.each(Object.keys(FULL))('%s: every limit the document gives is where the parser refuses, naming the field', (name) => {
    const limits = limitsOf(registeredSchemas()[name]).filter((limit) => limit.path.length > 0);
    expect(limits.length).toBeGreaterThanOrEqual(2);
    expect(refusal(FULL[name])).toBeNull();
    for (const limit of limits) {
      const field = limit.path.join('.');
      expect({ field, at: refusal(withValue(FULL[name], limit.path, valueOf(limit, limit.at))) }).toEqual({ field, at: null });
      expect({ field, over: refusal(withValue(FULL[name], limit.path, valueOf(limit, limit.at + 1))) }).toEqual({ field, over: field });
    }
  });

  it('the examples in the document are events the parser takes', () => {
    for (const example of Object.values(PROVIDER_EVENT_EXAMPLES)) expect(refusal(example)).toBeNull();
  });
});
