import type { PageRequest } from '../../../common/pagination';

/** The filter of one keyset page of a workspace's records: ids after the cursor (read with `_id` ascending). */
export function workspaceKeyset(workspaceId: string, request: PageRequest): { workspaceId: string; _id?: { $gt: string } } {
  return request.after ? { workspaceId, _id: { $gt: request.after } } : { workspaceId };
}
