import type { Logger } from '../logger.js';
import { findTemplate } from '../templates/index.js';
import { installThroughOAuth, type PassWing } from './launch-passwing.js';

/** The flows the demo mall starts with: Korean labels a merchant recognises at a glance. */
export const DEMO_TEMPLATES: { id: string; params?: Record<string, unknown> }[] = [
  { id: 'FIRST_ORDER', params: { label: '첫구매' } },
  { id: 'JEJU_REMOTE' },
  { id: 'HIGH_VALUE', params: { label: '10만원이상' } },
  { id: 'BIG_ORDER' },
  { id: 'BANK_ALERT', params: { label: '입금확인필요' } },
  { id: 'VIP_CUSTOMER' },
  { id: 'BUNDLE_HINT' },
  { id: 'DAWN_SAME_DAY' },
  { id: 'CS_CAUTION' },
  { id: 'MARKETING' },
  { id: 'STOCK_ALERT', params: { label: '재고부족' } },
];

/**
 * Makes the sandbox mall a live demo: installs PassWing through the real OAuth flow, gives it the
 * demo flows when it has none yet, and starts a steady trickle of new orders (webhooks included).
 * Returns a stop function for the trickle.
 */
export async function prepareDemoMall(
  passwing: PassWing,
  mallId: string,
  options: { ordersPerMinute: number; logger: Logger },
): Promise<() => void> {
  const sandbox = passwing.sandbox;
  if (!sandbox) throw new Error('the demo mall needs the sandbox');
  await installThroughOAuth(passwing, mallId);
  const { store } = passwing.runtime.ctx;
  if ((await store.flows.list(mallId)).length === 0) {
    for (const { id, params } of DEMO_TEMPLATES) {
      const template = findTemplate(id);
      if (!template) throw new Error(`unknown demo template ${id}`);
      await store.flows.save(mallId, template.build(params), {
        author: 'passwing-demo',
        note: '데모 기본 패스플로우',
        now: Date.now(),
      });
    }
  }
  if (options.ordersPerMinute <= 0) return () => {};
  const timer = setInterval(
    () => {
      sandbox
        .generateOrders(mallId, 1)
        .catch((error: unknown) => options.logger.warn({ err: error }, 'demo order failed'));
    },
    Math.max(1000, 60_000 / options.ordersPerMinute),
  );
  timer.unref();
  // A first order right away, so the order list shows a label within seconds.
  await sandbox.generateOrders(mallId, 2);
  return () => clearInterval(timer);
}
