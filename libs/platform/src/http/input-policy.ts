import type { NextFunction, Request, Response } from 'express';
import { AppError, invalidInput, notFound } from '../errors/app-error';

/**
 * One input policy for every entry point (REST bodies and queries, provider ingress, and the other
 * servers through `findForbiddenText`): text never carries NUL or other C0 control characters (tab, line
 * feed and carriage return aside), which the database refuses and no product field needs; JSON never
 * nests deeper than a limit, checked on the raw bytes before anything walks the parsed value.
 */
export const MAX_JSON_DEPTH = 64;

// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/;

export function hasForbiddenControl(text: string): boolean {
  return FORBIDDEN.test(text);
}

/**
 * How deep the JSON text nests (arrays and objects), scanning the bytes once; stops counting as soon as
 * `limit` is passed. Strings are skipped, escapes included, so brackets inside them do not count.
 */
export function jsonDepthExceeds(raw: Buffer | string, limit = MAX_JSON_DEPTH): boolean {
  const bytes = typeof raw === 'string' ? Buffer.from(raw) : raw;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i];
    if (inString) {
      if (byte === 0x5c) i++; // backslash: skip the escaped character
      else if (byte === 0x22) inString = false;
      continue;
    }
    if (byte === 0x22) inString = true;
    else if (byte === 0x7b || byte === 0x5b) {
      if (++depth > limit) return true;
    } else if (byte === 0x7d || byte === 0x5d) depth--;
  }
  return false;
}

/**
 * The path (`message.text`, `tags.2`, `customFields.<key>`) of the first string or key holding a
 * forbidden control character, or null. Walks without recursion, so any depth is safe.
 */
export function findForbiddenText(value: unknown, root = ''): string | null {
  const stack: Array<{ value: unknown; path: string }> = [{ value, path: root }];
  while (stack.length > 0) {
    const { value: current, path } = stack.pop()!;
    if (typeof current === 'string') {
      if (FORBIDDEN.test(current)) return path || 'body';
    } else if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i--) stack.push({ value: current[i], path: path ? `${path}.${i}` : String(i) });
    } else if (current !== null && typeof current === 'object') {
      for (const [key, child] of Object.entries(current as Record<string, unknown>)) {
        const childPath = path ? `${path}.${key}` : key;
        if (FORBIDDEN.test(key)) return childPath;
        stack.push({ value: child, path: childPath });
      }
    }
  }
  return null;
}

/** 400 naming the field when a value holds forbidden text. */
export function assertCleanText(value: unknown, root = ''): void {
  const field = findForbiddenText(value, root);
  if (field !== null) throw invalidInput(field, 'must not contain NUL or other control characters');
}

/** The `verify` hook of the JSON body parser: refuses too deep JSON before it is parsed. */
export function refuseDeepJson(raw: Buffer, limit = MAX_JSON_DEPTH): void {
  if (jsonDepthExceeds(raw, limit)) throw new AppError(400, 'invalid_input', `body: JSON must not nest deeper than ${limit} levels`, { field: 'body' });
}

/**
 * Express middleware applying the policy to what was parsed: a path holding control characters names
 * nothing that exists (404, as for any unknown id); queries and bodies answer 400 naming the field.
 */
export function inputPolicyMiddleware(req: Request, _res: Response, next: NextFunction): void {
  try {
    let path: string;
    try {
      path = decodeURIComponent(req.path);
    } catch {
      throw notFound('Resource');
    }
    if (FORBIDDEN.test(path)) throw notFound('Resource');
    assertCleanText(req.query);
    if (req.body !== undefined) assertCleanText(req.body);
    next();
  } catch (error) {
    next(error);
  }
}
