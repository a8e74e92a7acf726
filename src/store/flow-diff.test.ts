import { describe, expect, it } from 'vitest';
import { diffFlows } from './flow-diff.js';

const rule = (id: string, value: number) => ({
  id,
  name: id,
  when: { kind: 'compare', fact: 'order.productAmount', op: 'gte', value },
  then: [],
});

describe('diffFlows', () => {
  it('reports nothing for equal flows', () => {
    const flow = { name: 'a', rules: [rule('r1', 1)] };
    expect(diffFlows(flow, structuredClone(flow))).toEqual([]);
  });

  it('names the changed field inside a rule matched by id', () => {
    expect(
      diffFlows(
        { rules: [rule('r1', 100000), rule('r2', 1)] },
        { rules: [rule('r1', 300000), rule('r2', 1)] },
      ),
    ).toEqual([{ kind: 'changed', path: 'rules[r1].when.value', before: 100000, after: 300000 }]);
  });

  it('reports added, removed and moved rules and top-level fields', () => {
    const changes = diffFlows(
      { name: 'a', enabled: true, rules: [rule('r1', 1), rule('r2', 2), rule('r3', 3)] },
      { name: 'a', priority: 5, rules: [rule('r3', 3), rule('r1', 1), rule('r4', 4)] },
    );
    expect(changes).toEqual([
      { kind: 'removed', path: 'enabled', before: true },
      { kind: 'removed', path: 'rules[r2]', before: rule('r2', 2) },
      { kind: 'moved', path: 'rules[r3]', before: 2, after: 0 },
      { kind: 'moved', path: 'rules[r1]', before: 0, after: 1 },
      { kind: 'added', path: 'rules[r4]', after: rule('r4', 4) },
      { kind: 'added', path: 'priority', after: 5 },
    ]);
  });

  it('compares lists without ids as whole values', () => {
    expect(diffFlows({ triggers: ['order.created'] }, { triggers: ['order.paid'] })).toEqual([
      { kind: 'changed', path: 'triggers', before: ['order.created'], after: ['order.paid'] },
    ]);
  });
});
