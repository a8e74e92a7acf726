import { z } from 'zod';

export const DedupeKeyParts = z.object({
  mallId: z.string().min(1),
  /** The order the notification is about; for other notifications a stable subject id. */
  orderId: z.string().min(1),
  /** The rule (or template) whose notify action fired. */
  ruleId: z.string().min(1),
  /** The configured channel's id in the mall's settings. */
  channelId: z.string().min(1),
  /**
   * What happened, when one rule may rightly notify more than once for one order (e.g. the trigger
   * `order.paid`); leave it out and re-evaluating the order never notifies again.
   */
  occasion: z.string().min(1).optional(),
});
export type DedupeKeyParts = z.infer<typeof DedupeKeyParts>;

/**
 * The key the store keeps to send a notification at most once:
 * `notify:v1:{mallId}:{orderId}:{ruleId}:{channelId}[:{occasion}]`, each part URI-encoded so a
 * colon inside a part cannot make two different notifications share a key.
 */
export function notificationDedupeKey(parts: DedupeKeyParts): string {
  const { mallId, orderId, ruleId, channelId, occasion } = DedupeKeyParts.parse(parts);
  const fields = [mallId, orderId, ruleId, channelId, ...(occasion === undefined ? [] : [occasion])];
  return ['notify', 'v1', ...fields.map(encodeURIComponent)].join(':');
}
