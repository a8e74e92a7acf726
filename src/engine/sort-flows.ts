import type { Flow } from './flow-schema.js';

/** Evaluation order: ascending priority, then name, then id (code-unit order, locale-free). */
export function sortFlows(flows: readonly Flow[]): Flow[] {
  const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  return [...flows].sort((a, b) => a.priority - b.priority || cmp(a.name, b.name) || cmp(a.id, b.id));
}
