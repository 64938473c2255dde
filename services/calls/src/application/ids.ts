import { createHash, randomBytes, randomInt } from 'node:crypto';

// Ids keep MongoDB's ObjectId layout (seconds, a per-process random part, a counter: 24 hex).
const PROCESS_PART = randomBytes(5).toString('hex');
let counter = randomInt(0xffffff);

/** A fresh id, time-ordered like an ObjectId. */
export function newId(): string {
  counter = (counter + 1) % 0x1000000;
  return Math.floor(Date.now() / 1000).toString(16).padStart(8, '0') + PROCESS_PART + counter.toString(16).padStart(6, '0');
}

/** A stable id (24 hex) derived from a key: the same provider call always gets the same id (idempotent ingress). */
export const derivedId = (key: string) => createHash('sha256').update(key).digest('hex').slice(0, 24);

/** Our id of a provider's call on a channel. */
export const callIdOf = (workspaceId: string, channelId: string, providerCallId: string) => derivedId(`${workspaceId}|${channelId}|call|${providerCallId}`);

/** Our id of a provider's permission request on a channel. */
export const permissionIdOf = (workspaceId: string, channelId: string, providerRequestId: string) => derivedId(`${workspaceId}|${channelId}|permission|${providerRequestId}`);
