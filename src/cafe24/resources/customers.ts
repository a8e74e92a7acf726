import { z } from 'zod';
import type { Cafe24Client } from '../cafe24-client.js';

/** Member ids per `GET /customers?member_id=…` call. */
export const MEMBER_IDS_PER_CALL = 100;

/** The documented sample has keys with stray trailing spaces (`"gender "`): keys are trimmed first. */
const trimKeys = (value: unknown): unknown =>
  value && typeof value === 'object' && !Array.isArray(value)
    ? Object.fromEntries(Object.entries(value).map(([key, v]) => [key.trim(), v]))
    : value;

const CustomerJson = z.preprocess(
  trimKeys,
  z.object({
    member_id: z.string(),
    group_no: z.coerce.number().int().nullish(),
    created_date: z.string().nullish(),
    use_blacklist: z.enum(['T', 'F']).nullish(),
  }),
);

/** What PassWing keeps of a member: no names, phones or addresses. */
export const Cafe24Customer = z.object({
  memberId: z.string(),
  groupNo: z.number().int().nullable(),
  createdDate: z.string().nullable(),
  blacklisted: z.boolean(),
});
export type Cafe24Customer = z.infer<typeof Cafe24Customer>;

const CustomersResponse = z.object({ customers: z.array(CustomerJson) });

/** Members by id (Cafe24 requires member_id or cellphone; this uses member_id), in batches. */
export async function fetchCustomersByMemberIds(
  client: Cafe24Client,
  memberIds: readonly string[],
): Promise<Cafe24Customer[]> {
  const ids = [...new Set(memberIds)];
  const customers: Cafe24Customer[] = [];
  for (let start = 0; start < ids.length; start += MEMBER_IDS_PER_CALL) {
    const batch = ids.slice(start, start + MEMBER_IDS_PER_CALL);
    const response = await client.get(
      '/api/v2/admin/customers',
      { member_id: batch, limit: batch.length },
      CustomersResponse,
    );
    for (const c of response.customers) {
      customers.push({
        memberId: c.member_id,
        groupNo: c.group_no ?? null,
        createdDate: c.created_date ?? null,
        blacklisted: c.use_blacklist === 'T',
      });
    }
  }
  return customers;
}
