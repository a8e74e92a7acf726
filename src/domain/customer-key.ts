import { createHash } from 'node:crypto';
import type { Order } from './order.js';

/**
 * The key history is kept under: `m:<member_id>` for members; for guests `g:` + a hash of receiver
 * name, cellphone digits and zip (DESIGN: guests are identified that way, for bundling only).
 * The hash keeps personal data out of the key.
 */
export function customerKeyOf(order: Pick<Order, 'memberId' | 'zip' | 'personal'>): string {
  if (order.memberId) return `m:${order.memberId}`;
  const name = (order.personal.receiverName ?? '').replace(/\s+/g, '');
  const digits = (order.personal.receiverCellphone ?? '').replace(/\D/g, '');
  const zip = order.zip ?? '';
  return `g:${createHash('sha256').update(`${name}|${digits}|${zip}`).digest('hex').slice(0, 24)}`;
}
