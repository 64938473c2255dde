import { anyJson, apiSchema, object, oneOfValues, string, time } from '../openapi/api-schemas';
import { FRAME_TYPES } from './realtime.messages';

/**
 * API.md "Realtime": what the WebSocket pushes. `data` is the resource the frame names (a `conversation`,
 * `message`, `comment`, `event`, `notification`, `call`, the sidebar's counts, or `{contactId, userId,
 * typing}`), each only to users who may see the thread (VIS-4); notification frames to their user only.
 */
export const RealtimeFrame = apiSchema(
  'RealtimeFrame',
  object(
    {
      type: oneOfValues([...FRAME_TYPES, 'resync']),
      data: anyJson,
      seq: string({ description: 'position in the workspace\'s stream: reconnect with `?after=<seq>` to get what was missed' }),
      id: string({ description: 'the domain event it comes from: the same id twice is the same change' }),
      occurredAt: time,
      publishedAt: time,
    },
    ['data', 'seq', 'id', 'occurredAt', 'publishedAt'],
  ),
);
