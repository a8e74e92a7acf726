/** One structural difference between two flow versions. `path` names the place, e.g. `rules[r1].when.op`. */
export interface FlowChange {
  kind: 'added' | 'removed' | 'changed' | 'moved';
  path: string;
  before?: unknown;
  after?: unknown;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const hasIds = (list: unknown[]): list is { id: string }[] =>
  list.every((entry) => isRecord(entry) && typeof entry.id === 'string') &&
  new Set(list.map((entry) => (entry as { id: string }).id)).size === list.length;

/**
 * The structured changes that turn `before` into `after` (two flow definitions as JSON). Objects are
 * compared key by key; lists of objects with unique `id`s (rules) are matched by id, so editing one
 * rule reports that rule, and reordering reports `moved`; other lists are compared as whole values.
 */
export function diffFlows(before: unknown, after: unknown): FlowChange[] {
  const changes: FlowChange[] = [];
  walk(before, after, '', changes);
  return changes;
}

function walk(before: unknown, after: unknown, path: string, changes: FlowChange[]): void {
  if (isRecord(before) && isRecord(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    for (const key of keys) {
      const child = path === '' ? key : `${path}.${key}`;
      if (!(key in after) || after[key] === undefined) {
        if (before[key] !== undefined) changes.push({ kind: 'removed', path: child, before: before[key] });
      } else if (!(key in before) || before[key] === undefined) {
        changes.push({ kind: 'added', path: child, after: after[key] });
      } else {
        walk(before[key], after[key], child, changes);
      }
    }
    return;
  }
  if (Array.isArray(before) && Array.isArray(after) && hasIds(before) && hasIds(after)) {
    const beforeIds = before.map((entry) => entry.id);
    const afterIds = after.map((entry) => entry.id);
    for (const entry of before) {
      if (!afterIds.includes(entry.id))
        changes.push({ kind: 'removed', path: `${path}[${entry.id}]`, before: entry });
    }
    for (const [index, entry] of after.entries()) {
      const previous = before.find((candidate) => candidate.id === entry.id);
      if (previous === undefined) {
        changes.push({ kind: 'added', path: `${path}[${entry.id}]`, after: entry });
        continue;
      }
      walk(previous, entry, `${path}[${entry.id}]`, changes);
      const kept = afterIds.filter((id) => beforeIds.includes(id));
      const keptBefore = beforeIds.filter((id) => afterIds.includes(id));
      if (kept.indexOf(entry.id) !== keptBefore.indexOf(entry.id)) {
        changes.push({
          kind: 'moved',
          path: `${path}[${entry.id}]`,
          before: beforeIds.indexOf(entry.id),
          after: index,
        });
      }
    }
    return;
  }
  if (JSON.stringify(before) !== JSON.stringify(after))
    changes.push({ kind: 'changed', path, before, after });
}
