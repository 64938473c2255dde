import { apiSchema, integer, nullable, object, oneOfValues, string, time } from '../openapi/api-schemas';

/** API.md `attachment` (MSG-10), as attachments.mapper.ts writes it. */
export const Attachment = apiSchema(
  'Attachment',
  object({
    id: string(),
    fileName: string({ description: 'the original name, as the user or provider gave it' }),
    storedName: string({ description: 'unique' }),
    contentType: string({ description: 'sniffed from the bytes' }),
    size: integer({ minimum: 0 }),
    sha256: nullable(string({ pattern: '^[0-9a-f]{64}$' })),
    status: oneOfValues(['stored', 'unavailable']),
    reason: nullable(string()),
    url: nullable(string({ format: 'uri', description: 'signed, expires within 15 minutes' })),
    messageId: nullable(string()),
    contactId: nullable(string()),
    createdAt: time,
  }),
);
