import { describe, expect, it } from 'vitest';
import { FaultPlan, parseFaultSpec } from './fault-plan.js';

describe('parseFaultSpec', () => {
  it('reads every documented key', () => {
    expect(parseFaultSpec('drop=10,dup=10,delay=2000,reorder=1,http5xx=5,timeout=2')).toEqual({
      drop: 10,
      dup: 10,
      delay: 2000,
      reorder: true,
      http5xx: 5,
      timeout: 2,
      hang: 10_000,
    });
  });

  it('means no faults when empty', () => {
    const spec = parseFaultSpec(undefined);
    expect(spec.drop + spec.dup + spec.http5xx + spec.timeout + spec.delay).toBe(0);
    expect(spec.reorder).toBe(false);
  });

  it.each(['drop=200', 'nonsense=1', 'drop', 'drop=1=2', 'drop=1,drop=2', 'reorder=yes'])(
    'rejects %s',
    (text) => {
      expect(() => parseFaultSpec(text)).toThrow(expect.objectContaining({ code: 'SANDBOX_BAD_FAULT_SPEC' }));
    },
  );
});

describe('FaultPlan', () => {
  const spec = parseFaultSpec('drop=30,dup=20,delay=500,reorder=1,http5xx=20,timeout=10');

  it('makes the same decisions for the same seed', () => {
    const a = new FaultPlan(spec, 7);
    const b = new FaultPlan(spec, 7);
    const run = (plan: FaultPlan) =>
      Array.from({ length: 50 }, () => [plan.nextApiFault(), plan.nextWebhookFault()]);
    expect(run(a)).toEqual(run(b));
  });

  it('makes different decisions for another seed', () => {
    const run = (plan: FaultPlan) => Array.from({ length: 50 }, () => plan.nextApiFault());
    expect(run(new FaultPlan(spec, 7))).not.toEqual(run(new FaultPlan(spec, 8)));
  });

  it('injects roughly the requested share of API faults', () => {
    const plan = new FaultPlan(spec, 1);
    const faults = Array.from({ length: 2000 }, () => plan.nextApiFault());
    const share5xx = faults.filter((fault) => fault === 'http5xx').length / faults.length;
    expect(share5xx).toBeGreaterThan(0.15);
    expect(share5xx).toBeLessThan(0.25);
  });

  it('never faults without a spec', () => {
    const plan = new FaultPlan(parseFaultSpec(''), 1);
    for (let i = 0; i < 100; i += 1) {
      expect(plan.nextApiFault()).toBe('none');
      expect(plan.nextWebhookFault()).toEqual({ drop: false, duplicate: false, delayMs: 0, holdBack: false });
    }
  });
});
