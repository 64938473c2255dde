/**
 * Who has the realtime socket open and active, as the gateway's realtime hub publishes it in Redis, for
 * the notifications service (NTF-2: by default no push goes to a user who is online). One sorted set
 * per user: each open socket is a member scored with the time until which it counts as active; the hub
 * moves that time on at every heartbeat the socket answers and removes the member when it closes, so a
 * socket of a replica that died stops counting within the TTL.
 */
export const PRESENCE_TTL_MS = 60_000;

export function presenceKey(workspaceId: string, userId: string): string {
  return `realtime:presence:${workspaceId}:${userId}`;
}
