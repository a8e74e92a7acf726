import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, runCli, STACK_FRAME, tempFile } from './run-cli.js';

const SINGLE = join(FIXTURES, 'single-order.json');
const CATALOG = join(FIXTURES, 'catalog.json');

describe('passwing evaluate', { timeout: 90_000 }, () => {
  it('explains in Korean why each rule matched or not, with the values it saw', async () => {
    const result = await runCli([
      'evaluate',
      '--order',
      SINGLE,
      '--templates',
      'FRAUD_CHECK,STOCK_ALERT',
      '--catalog',
      CATALOG,
      '--explain',
    ]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('주문 20261102-0000006');
    expect(result.stdout).toMatch(/✔ .*부정주문 의심.*일치/);
    expect(result.stdout).toMatch(/상품구매금액 150,000원 ≥ 100,000원/);
    expect(result.stdout).toMatch(/✘ .*재고 부족.*불일치/);
    expect(result.stdout).toMatch(/재고 6 ≤ 5/);
  });

  it('explains in English with --lang en', async () => {
    const result = await runCli([
      'evaluate',
      '--order',
      SINGLE,
      '--templates',
      'HIGH_VALUE',
      '--explain',
      '--lang',
      'en',
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Order 20261102-0000006');
    expect(result.stdout).toMatch(/product amount ₩150,000 ≥ ₩100,000/);
  });

  it('evaluates merchant flows from a file and shows labels a later order gave', async () => {
    const flows = await tempFile(
      'flows.json',
      JSON.stringify([
        {
          id: 'BIG',
          name: '큰 주문',
          rules: [
            {
              id: 'OVER_100K',
              name: '10만원 이상',
              when: { kind: 'compare', fact: 'order.productAmount', op: 'gte', value: 100_000 },
              then: [{ type: 'addLabel', label: '큰주문' }],
            },
          ],
        },
      ]),
    );
    const result = await runCli([
      'evaluate',
      '--order',
      join(FIXTURES, 'orders.json'),
      '--flows',
      flows,
      '--templates',
      'BUNDLE_SHIP',
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('주문 20261102-0000006 — 라벨: 큰주문; 일치한 규칙: OVER_100K');
    expect(result.stdout).toContain('+ BUNDLE_SHIP (BUNDLE_SHIP) ← 주문 20261102-0000002');
  });

  it('exits with code 2 without flows, with a bad language or a bad order file', async () => {
    const noFlows = await runCli(['evaluate', '--order', SINGLE]);
    expect(noFlows.code).toBe(2);
    expect(noFlows.stderr).toContain('--flows');
    const badLang = await runCli(['evaluate', '--order', SINGLE, '--templates', 'all', '--lang', 'jp']);
    expect(badLang.code).toBe(2);
    const badOrder = await tempFile(
      'order.json',
      JSON.stringify({ order: { order_id: 'X1', paid: 'maybe' } }),
    );
    const bad = await runCli(['evaluate', '--order', badOrder, '--templates', 'all']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(`${badOrder}: order X1: field`);
    expect(bad.stderr).not.toMatch(STACK_FRAME);
  });
});
