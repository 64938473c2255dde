/**
 * The order of the call logs (newest first by when a call started, then by id so equal times have one
 * stable order) and their keyset cursor: a call that stays put is never skipped nor repeated.
 */
export interface Position {
  score: number;
  id: string;
}

/** Negative when `a` is listed before `b`. */
export function comparePositions(a: Position, b: Position): number {
  if (a.score !== b.score) return b.score - a.score;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

const CURSOR = /^\d{1,16}\|[A-Za-z0-9_-]{1,64}$/;

export function encodeCursor(position: Position): string {
  return Buffer.from(`${position.score}|${position.id}`).toString('base64url');
}

export function decodeCursor(text: string): Position | null {
  const decoded = Buffer.from(text, 'base64url').toString('utf8');
  if (!CURSOR.test(decoded)) return null;
  const [score, id] = decoded.split('|');
  return { score: Number(score), id };
}
