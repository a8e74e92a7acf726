import { createHash } from 'node:crypto';
import { addOrderMemo } from '../cafe24/resources/memos.js';
import { setOrderHold } from '../cafe24/resources/order-hold.js';
import { notificationDedupeKey } from '../notify/notification-dedupe-key.js';
import type { RunAction } from '../store/repositories/runs-repository.js';
import { deliverOnce } from './deliver-once.js';
import { NOTIFICATION_QUEUE, type NotificationJob } from './notification-job.js';
import type { OrderEvaluation } from './order-evaluation.js';
import type { PipelineContext } from './pipeline-context.js';

const hashText = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 16);

/** Memo, hold, gift, CS flag and notify actions: each at most once per order (dedupe keys). */
export async function applyOtherActions(
  ctx: PipelineContext,
  mallId: string,
  evaluation: OrderEvaluation,
): Promise<void> {
  const { store } = ctx;
  const { order, runId } = evaluation;
  const client = ctx.cafe24.client(mallId);
  const once = async (
    key: string,
    channel: string,
    payload: unknown,
    effect: () => Promise<void>,
  ): Promise<RunAction['outcome']> => {
    const reserved = await store.notifications.reserve(mallId, {
      dedupeKey: key,
      channel,
      orderId: order.orderId,
      runId,
      payload,
      createdAt: ctx.now(),
    });
    // A reservation left pending or failed by an earlier attempt is delivered now; one already sent
    // (or interrupted mid-delivery) is not repeated.
    const id = reserved.ok
      ? reserved.id
      : reserved.error.status === 'sent' || reserved.error.status === 'uncertain'
        ? null
        : reserved.error.id;
    if (id === null) return 'skipped';
    return (await deliverOnce(ctx, mallId, id, effect)) === 'sent' ? 'applied' : 'skipped';
  };
  for (const action of evaluation.decision.actions) {
    const base = { type: action.type, flowId: action.flowId, ruleId: action.ruleId };
    try {
      switch (action.type) {
        case 'addLabel':
        case 'removeLabel':
          break; // written by applyLabels
        case 'memo': {
          const text = action.text ?? action.template;
          const outcome = await once(
            `memo:${order.orderId}:${hashText(text)}`,
            'cafe24.memo',
            { text },
            async () => {
              await addOrderMemo(client, order.orderId, { content: text });
            },
          );
          evaluation.actions.push({ ...base, outcome, text });
          break;
        }
        case 'holdShipment': {
          const outcome = await once(`hold:${order.orderId}`, 'cafe24.hold', {}, () =>
            setOrderHold(client, order.orderId, true),
          );
          evaluation.actions.push({ ...base, outcome });
          break;
        }
        case 'giftTarget': {
          const added = await store.giftChecklist.add(mallId, {
            orderId: order.orderId,
            gift: action.gift,
            runId,
            createdAt: ctx.now(),
          });
          evaluation.actions.push({ ...base, outcome: added ? 'applied' : 'skipped', gift: action.gift });
          break;
        }
        case 'csFlag':
          evaluation.actions.push({ ...base, outcome: 'applied', reason: action.reason });
          break;
        case 'notify': {
          const text = action.text ?? action.template;
          // Unique across malls too: it is the receiver's Idempotency-Key.
          const dedupeKey = notificationDedupeKey({
            mallId,
            orderId: order.orderId,
            ruleId: `${action.flowId}/${action.ruleId}`,
            channelId: action.channel,
          });
          const reserved = await store.notifications.reserve(mallId, {
            dedupeKey,
            channel: action.channel,
            orderId: order.orderId,
            runId,
            payload: { text },
            createdAt: ctx.now(),
          });
          // A reservation still pending may have lost its job (the worker died between reserving and
          // enqueueing): enqueue it again; the singleton key and the sender's claim stop doubles.
          const pendingId = reserved.ok
            ? reserved.id
            : reserved.error.status === 'pending'
              ? reserved.error.id
              : null;
          if (pendingId !== null) {
            const job: NotificationJob = {
              mallId,
              channel: action.channel,
              orderId: order.orderId,
              text,
              dedupeKey,
              notificationId: pendingId,
            };
            await ctx.queue.enqueue(NOTIFICATION_QUEUE, job, { singletonKey: dedupeKey });
          }
          evaluation.actions.push({
            ...base,
            outcome: reserved.ok ? 'pending' : 'skipped',
            channel: action.channel,
          });
          break;
        }
      }
    } catch (error) {
      ctx.logger.warn(
        { mallId, orderId: order.orderId, runId, action: action.type, err: error },
        'action failed',
      );
      evaluation.actions.push({
        ...base,
        outcome: 'failed',
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }
}
