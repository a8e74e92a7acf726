import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileFlows } from '../../src/engine/compile-flows.js';
import { Trigger } from '../../src/engine/flow-schema.js';
import { interpretFlows } from '../../src/engine/interpret-flows.js';
import { factsArbitrary, flowsArbitrary } from './arbitraries.js';

describe('compiled engine vs reference interpreter', () => {
  it('decides every random valid flow set on every random order exactly as the interpreter', () => {
    fc.assert(
      fc.property(
        flowsArbitrary,
        fc.array(factsArbitrary, { minLength: 1, maxLength: 5 }),
        fc.constantFrom(...Trigger.options),
        (flows, orders, trigger) => {
          const compiled = compileFlows(flows);
          for (const facts of orders) {
            const ctx = { now: facts.order.placedAt, trigger };
            expect(compiled.evaluate(facts, ctx)).toEqual(interpretFlows(flows, facts, ctx));
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  it('returns the same decision with and without explain, apart from the trace', () => {
    fc.assert(
      fc.property(flowsArbitrary, factsArbitrary, (flows, facts) => {
        const compiled = compileFlows(flows);
        const ctx = { now: facts.order.placedAt, trigger: 'order.created' as const };
        const { trace, ...explained } = compiled.evaluate(facts, { ...ctx, explain: true });
        expect(trace).toBeDefined();
        expect(explained).toEqual(compiled.evaluate(facts, ctx));
      }),
      { numRuns: 100 },
    );
  });
});
