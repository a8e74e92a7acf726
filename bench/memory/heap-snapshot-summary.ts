// Summarises V8 heap snapshots for the memory benchmark: self size per kind of object (constructor
// name for objects and closures, the node type for strings, code, arrays …), and the growth between
// two snapshots, to tell what the installed malls added to the heap.
import { readFileSync } from 'node:fs';

interface Snapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
  nodes: number[];
  strings: string[];
}

/** Bytes of self size per group: `Foo` for objects and closures made by Foo, `(type)` otherwise. */
export function selfSizeByGroup(file: string): Map<string, { bytes: number; count: number }> {
  const snapshot = JSON.parse(readFileSync(file, 'utf8')) as Snapshot;
  const fields = snapshot.snapshot.meta.node_fields;
  const types = snapshot.snapshot.meta.node_types[0];
  const width = fields.length;
  const typeAt = fields.indexOf('type');
  const nameAt = fields.indexOf('name');
  const sizeAt = fields.indexOf('self_size');
  const groups = new Map<string, { bytes: number; count: number }>();
  for (let i = 0; i < snapshot.nodes.length; i += width) {
    const type = types[snapshot.nodes[i + typeAt] ?? 0] ?? 'unknown';
    const name = snapshot.strings[snapshot.nodes[i + nameAt] ?? 0] ?? '';
    const group = type === 'object' || type === 'closure' ? `${name} (${type})` : `(${type})`;
    const entry = groups.get(group) ?? { bytes: 0, count: 0 };
    entry.bytes += snapshot.nodes[i + sizeAt] ?? 0;
    entry.count += 1;
    groups.set(group, entry);
  }
  return groups;
}

/** The groups that grew most from `before` to `after`, as printable lines (MB and object counts). */
export function heapGrowthLines(beforeFile: string, afterFile: string, top = 25): string[] {
  const before = selfSizeByGroup(beforeFile);
  const after = selfSizeByGroup(afterFile);
  const rows = [...after].map(([group, { bytes, count }]) => ({
    group,
    bytes,
    grew: bytes - (before.get(group)?.bytes ?? 0),
    added: count - (before.get(group)?.count ?? 0),
  }));
  rows.sort((a, b) => b.grew - a.grew);
  const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(2).padStart(7);
  return rows
    .slice(0, top)
    .map(
      (row) =>
        `${mb(row.grew)} MB grown (${mb(row.bytes)} MB now, ${String(row.added).padStart(7)} objects added)  ${row.group}`,
    );
}
