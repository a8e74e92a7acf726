import { z } from 'zod';
import type { Cafe24Client } from '../cafe24-client.js';

/** A customer grade (회원등급) of the mall. */
export const Cafe24CustomerGroup = z.object({ groupNo: z.number().int(), groupName: z.string() });
export type Cafe24CustomerGroup = z.infer<typeof Cafe24CustomerGroup>;

const GroupsResponse = z.object({
  customergroups: z.array(z.object({ group_no: z.coerce.number().int(), group_name: z.string() })),
});

/** Every customer group of the mall (a mall has a handful; one call). */
export async function fetchCustomerGroups(client: Cafe24Client): Promise<Cafe24CustomerGroup[]> {
  const response = await client.get('/api/v2/admin/customergroups', {}, GroupsResponse);
  return response.customergroups.map((g) => ({ groupNo: g.group_no, groupName: g.group_name }));
}
