import { z } from 'zod';
import type { Cafe24Client } from '../cafe24-client.js';

/** The storefront page after checkout (주문완료), where the IP beacon runs. */
export const ORDER_COMPLETE_LOCATION = 'ORDER_ORDERRESULT';

const ScriptTagJson = z.object({
  script_no: z.coerce.string(),
  src: z.string(),
  display_location: z.union([z.array(z.string()), z.string()]).nullish(),
});
const ScriptTagResponse = z.object({ scripttag: ScriptTagJson });
const ScriptTagsResponse = z.object({ scripttags: z.array(ScriptTagJson) });

export interface ScriptTag {
  scriptNo: string;
  src: string;
  displayLocation: string[];
}

const toScriptTag = (t: z.infer<typeof ScriptTagJson>): ScriptTag => ({
  scriptNo: t.script_no,
  src: t.src,
  displayLocation:
    t.display_location === null || t.display_location === undefined
      ? []
      : Array.isArray(t.display_location)
        ? t.display_location
        : [t.display_location],
});

/** Script tags this app registered on the mall. */
export async function listScriptTags(client: Cafe24Client): Promise<ScriptTag[]> {
  const response = await client.get('/api/v2/admin/scripttags', {}, ScriptTagsResponse);
  return response.scripttags.map(toScriptTag);
}

/** Registers a storefront script (`src` must be https on a real mall) on the given pages. */
export async function createScriptTag(
  client: Cafe24Client,
  tag: { src: string; displayLocation?: readonly string[] },
): Promise<ScriptTag> {
  const response = await client.request({
    method: 'POST',
    path: '/api/v2/admin/scripttags',
    body: {
      shop_no: client.shopNo,
      request: { src: tag.src, display_location: [...(tag.displayLocation ?? [ORDER_COMPLETE_LOCATION])] },
    },
    schema: ScriptTagResponse,
    idempotent: false,
  });
  return toScriptTag(response.scripttag);
}

export async function deleteScriptTag(client: Cafe24Client, scriptNo: string): Promise<void> {
  await client.request({
    method: 'DELETE',
    path: `/api/v2/admin/scripttags/${encodeURIComponent(scriptNo)}`,
    query: { shop_no: client.shopNo },
    schema: z.unknown(),
    acceptStatuses: [404],
  });
}

/** Registers the script unless a tag with the same `src` exists (install may run twice). */
export async function ensureScriptTag(
  client: Cafe24Client,
  tag: { src: string; displayLocation?: readonly string[] },
): Promise<ScriptTag> {
  const existing = (await listScriptTags(client)).find((t) => t.src === tag.src);
  return existing ?? createScriptTag(client, tag);
}
