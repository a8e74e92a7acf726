import type { FaultPlan } from './fault-plan.js';
import type { WebhookLogRecord } from './mall-records.js';
import type { SandboxLogger } from './sandbox-logger.js';
import type { SeededRandom } from './seeded-random.js';
import type { SimulatedMall } from './simulated-mall.js';
import type { WebhookPayload } from './webhook-payloads.js';

const DELIVERY_TIMEOUT_MS = 5_000;
const RESEND_AFTER_MS = 1_000;
/** A held-back (reordered) delivery goes out at the latest this long after it was held. */
const HOLD_BACK_MAX_MS = 1_000;

interface PendingDelivery {
  mall: SimulatedMall;
  payload: WebhookPayload;
  fault: WebhookLogRecord['fault'];
  delayMs: number;
}

function sleep(ms: number): Promise<void> {
  return ms <= 0 ? Promise.resolve() : new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * POSTs webhook payloads to the registered URL, one at a time in emission order, applying the
 * seeded fault plan (drop, duplicate, delay, reorder), resending a failed delivery once (log type
 * R), and recording every attempt in the mall's webhook log.
 */
export class WebhookDispatcher {
  private url: string | null;
  private chain: Promise<void> = Promise.resolve();
  private held: { delivery: PendingDelivery; timer: NodeJS.Timeout } | null = null;
  private closed = false;

  constructor(
    url: string | null,
    private readonly faults: FaultPlan,
    private readonly ids: SeededRandom,
    private readonly clock: () => number,
    private readonly logger: SandboxLogger,
  ) {
    this.url = url;
  }

  setUrl(url: string | null): void {
    this.url = url;
  }

  /** Queues one event for delivery; without a registered URL nothing is sent or logged. */
  emit(mall: SimulatedMall, payload: WebhookPayload): void {
    if (this.url === null || this.closed) return;
    const fault = this.faults.nextWebhookFault();
    if (fault.drop) {
      this.record(mall, payload, 'G', 'dropped', null, null, this.url);
      this.logger.debug(
        { mallId: mall.mallId, eventNo: payload.event_no },
        'sandbox webhook dropped (fault)',
      );
      return;
    }
    const delivery: PendingDelivery = {
      mall,
      payload,
      fault: fault.delayMs > 0 ? 'delayed' : 'none',
      delayMs: fault.delayMs,
    };
    const previouslyHeld = this.held;
    if (previouslyHeld !== null) {
      clearTimeout(previouslyHeld.timer);
      this.held = null;
      this.enqueue(delivery);
      this.enqueue(previouslyHeld.delivery);
    } else if (fault.holdBack) {
      const timer = setTimeout(() => this.flushHeld(), HOLD_BACK_MAX_MS);
      this.held = { delivery: { ...delivery, fault: 'reordered' }, timer };
    } else {
      this.enqueue(delivery);
    }
    if (fault.duplicate) this.enqueue({ ...delivery, fault: 'duplicate', delayMs: 0 });
  }

  /** Resolves when every queued delivery has been attempted (held ones are sent first). */
  async idle(): Promise<void> {
    this.flushHeld();
    let current: Promise<void>;
    do {
      current = this.chain;
      await current;
    } while (current !== this.chain);
  }

  /** Stops accepting events and waits for queued deliveries. */
  async close(): Promise<void> {
    await this.idle();
    this.closed = true;
  }

  private flushHeld(): void {
    if (this.held === null) return;
    clearTimeout(this.held.timer);
    const { delivery } = this.held;
    this.held = null;
    this.enqueue(delivery);
  }

  private enqueue(delivery: PendingDelivery): void {
    this.chain = this.chain.then(() => this.deliver(delivery));
  }

  private async deliver(delivery: PendingDelivery): Promise<void> {
    await sleep(delivery.delayMs);
    const ok = await this.attempt(delivery, 'G');
    if (!ok && !this.closed) {
      await sleep(RESEND_AFTER_MS);
      await this.attempt(delivery, 'R');
    }
  }

  private async attempt(delivery: PendingDelivery, logType: 'G' | 'R'): Promise<boolean> {
    const url = this.url;
    if (url === null) return true;
    const body = JSON.stringify(delivery.payload);
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'Cafe24-Webhook-Sandbox' },
        body,
        signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
      });
      const text = (await response.text()).slice(0, 1000);
      this.record(delivery.mall, delivery.payload, logType, delivery.fault, response.status, text, url);
      return response.ok;
    } catch (error) {
      this.record(delivery.mall, delivery.payload, logType, delivery.fault, null, null, url);
      this.logger.debug(
        { mallId: delivery.mall.mallId, eventNo: delivery.payload.event_no, err: String(error) },
        'sandbox webhook delivery failed',
      );
      return false;
    }
  }

  private record(
    mall: SimulatedMall,
    payload: WebhookPayload,
    logType: 'G' | 'R',
    fault: WebhookLogRecord['fault'],
    status: number | null,
    responseBody: string | null,
    url: string,
  ): void {
    const hex = () => this.ids.int(0, 0xffff).toString(16).padStart(4, '0');
    mall.webhookLogs.push({
      logId: this.ids.token(20),
      logType,
      eventNo: payload.event_no,
      mallId: mall.mallId,
      traceId: `${hex()}${hex()}-${hex()}-4${hex().slice(1)}-a${hex().slice(1)}-${hex()}${hex()}${hex()}`,
      requestedAt: this.clock(),
      endpoint: url,
      body: JSON.stringify(payload),
      success: status !== null && status >= 200 && status < 300 ? 'T' : 'F',
      responseHttpCode: status,
      responseBody,
      fault,
    });
  }
}
