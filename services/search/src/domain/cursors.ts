/** Opaque cursors of search pages: the sort values of the last item of a page. */
export function encodeCursor(sort: unknown[] | undefined): string {
  return sort ? Buffer.from(JSON.stringify(sort)).toString('base64url') : '';
}

/** The sort values a cursor holds; undefined for none, `invalid` for anything this service did not give. */
export function decodeCursor(cursor: string | undefined): unknown[] | undefined | 'invalid' {
  if (!cursor) return undefined;
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    return Array.isArray(value) ? value : 'invalid';
  } catch {
    return 'invalid';
  }
}
