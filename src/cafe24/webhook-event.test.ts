import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isOwnWrite, parseWebhookEvent, type WebhookEvent } from './webhook-event.js';

const SAMPLES = fileURLToPath(new URL('../../test/fixtures/cafe24-webhooks', import.meta.url));
const sample = (eventNo: number): Record<string, unknown> =>
  JSON.parse(readFileSync(join(SAMPLES, `${eventNo}.json`), 'utf8')) as Record<string, unknown>;
const parsed = (body: unknown): WebhookEvent => {
  const result = parseWebhookEvent(body);
  if (!result.ok) throw new Error(result.error);
  return result.event;
};

const expectedTriggers: Record<string, WebhookEvent['trigger']> = {
  '90023': 'order.created',
  '90024': 'order.changed',
  '90025': 'order.paid',
  '90026': 'order.changed',
  '90027': 'order.changed',
  '90028': 'order.changed',
  '90029': 'order.changed',
  '90031': 'order.changed',
  '90064': 'order.changed',
  '90066': 'ignored',
  '90068': 'ignored',
  '90069': 'ignored',
  '90071': 'order.changed',
  '90072': 'order.changed',
  '90073': 'order.changed',
  '90074': 'order.changed',
  '90075': 'stock.changed',
  '90077': 'app.deleted',
  '90150': 'ignored',
  '90160': 'order.changed',
  '90162': 'ignored',
};

describe('parseWebhookEvent on every documented sample', () => {
  const files = readdirSync(SAMPLES).filter((f) => f.endsWith('.json'));

  it('has an expectation for every sample file', () => {
    expect(files.map((f) => f.replace('.json', '')).sort()).toEqual(Object.keys(expectedTriggers).sort());
  });

  for (const file of files) {
    const eventNo = Number(file.replace('.json', ''));
    it(`parses ${file} as ${expectedTriggers[String(eventNo)]}`, () => {
      const event = parsed(sample(eventNo));
      expect(event.eventNo).toBe(eventNo);
      expect(event.trigger).toBe(expectedTriggers[String(eventNo)]);
      expect(event.mallId.length).toBeGreaterThan(0);
      expect(event.dedupeKey.startsWith(`${event.mallId}:${eventNo}:`)).toBe(true);
    });
  }
});

describe('parseWebhookEvent details', () => {
  it('reads the order, mall and shop of an order-placed event', () => {
    const event = parsed(sample(90023));
    expect(event).toMatchObject({ mallId: 'cafe24bestshop', shopNo: 1, orderIds: ['20200717-0029236'] });
  });

  it('splits the comma-joined order ids of a bulk status event', () => {
    expect(parsed(sample(90071)).orderIds).toEqual([
      '20200717-0001242',
      '20200717-0001251',
      '20200717-0001261',
      '20200717-0001270',
      '20200717-0001287',
    ]);
  });

  it('takes the variant of a stock change and names no order', () => {
    const event = parsed(sample(90075));
    expect(event).toMatchObject({ variantCode: 'P000CCAO000B', productNo: 36518, orderIds: [] });
  });

  it('names the deleted app on 90077 without treating it as an executor', () => {
    const event = parsed(sample(90077));
    expect(event).toMatchObject({ mallId: 'leesunsin', appClientId: 'sample7eBNEqSfkd7I8hoA' });
    expect(event.executorId).toBeUndefined();
  });

  it('accepts the flat shape and gives it the same dedupe key as the enveloped one', () => {
    const enveloped = sample(90025);
    const flat = { event_no: 90025, ...(enveloped.resource as object) };
    expect(parsed(flat)).toEqual(parsed(enveloped));
  });

  it('gives a resend the same dedupe key and a new payment state a different one', () => {
    const body = sample(90025);
    const resource = body.resource as Record<string, unknown>;
    const unpaid = { ...body, resource: { ...resource, paid: 'F' } };
    expect(parsed(structuredClone(body)).dedupeKey).toBe(parsed(body).dedupeKey);
    expect(parsed(unpaid).dedupeKey).not.toBe(parsed(body).dedupeKey);
  });

  it('keeps the dedupe keys of different malls apart', () => {
    const body = sample(90023);
    const other = { ...body, resource: { ...(body.resource as object), mall_id: 'othermall' } };
    expect(parsed(other).dedupeKey).not.toBe(parsed(body).dedupeKey);
  });

  it('keeps an unknown event as ignored', () => {
    expect(parsed({ event_no: 99999, resource: { mall_id: 'm1', something: 1 } }).trigger).toBe('ignored');
  });

  it('refuses a body without event_no or mall_id', () => {
    expect(parseWebhookEvent({ resource: { mall_id: 'm1' } }).ok).toBe(false);
    expect(parseWebhookEvent({ event_no: 90023, resource: { order_id: 'x' } }).ok).toBe(false);
    expect(parseWebhookEvent('hello').ok).toBe(false);
  });

  it('refuses an order event that names no order', () => {
    expect(parseWebhookEvent({ event_no: 90023, resource: { mall_id: 'm1' } }).ok).toBe(false);
  });
});

describe('isOwnWrite', () => {
  it('recognises an event caused by our client id', () => {
    const event = parsed(sample(90066));
    expect(isOwnWrite(event, 'sample7eBNEqSfkd7I8hoA')).toBe(true);
    expect(isOwnWrite(event, 'another-client')).toBe(false);
  });

  it('never calls an event without executor our own', () => {
    expect(isOwnWrite(parsed(sample(90023)), 'sample7eBNEqSfkd7I8hoA')).toBe(false);
  });
});
