import { createHash, randomBytes, randomInt } from 'node:crypto';

// Ids keep MongoDB's ObjectId layout (seconds, a per-process random part, a counter: 24 hex), so
// entries created in the same millisecond still sort in creation order on the timeline (CNV-9).
const PROCESS_PART = randomBytes(5).toString('hex');
let counter = randomInt(0xffffff);

/** A fresh id, time-ordered like an ObjectId. */
export function newId(): string {
  counter = (counter + 1) % 0x1000000;
  return Math.floor(Date.now() / 1000).toString(16).padStart(8, '0') + PROCESS_PART + counter.toString(16).padStart(6, '0');
}

/** A stable id (24 hex) derived from a key: the same work done again produces the same records. */
export const derivedId = (key: string) => createHash('sha256').update(key).digest('hex').slice(0, 24);

/** Our id of an incoming message: the same provider message always gets the same id (idempotent ingress). */
export function inboundMessageId(workspaceId: string, channelId: string, providerId: string): string {
  return derivedId(`${workspaceId}|${channelId}|${providerId}`);
}
