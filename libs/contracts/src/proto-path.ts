import { join } from 'node:path';

/**
 * Folder of the `.proto` contracts. The build copies it next to the compiled code at the same
 * relative place, so this resolves both from source (tests) and from `dist/`.
 */
export const PROTO_DIR = join(__dirname, '..', 'proto');
export function protoFile(name: string): string {
  return join(PROTO_DIR, name);
}
