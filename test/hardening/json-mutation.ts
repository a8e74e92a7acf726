import fc from 'fast-check';

/**
 * Structural mutation of JSON documents for the fuzz suites: pick nodes anywhere in a valid document
 * and replace, delete, duplicate into an array or retype them, so inputs stay close enough to valid
 * to get past the first checks and reach the deeper ones.
 */

type Json = unknown;
type Step = string | number;

/** Every path to a node of the document (the root is the empty path). */
function pathsOf(value: Json, prefix: Step[] = [], out: Step[][] = []): Step[][] {
  out.push(prefix);
  if (Array.isArray(value)) value.forEach((child, index) => pathsOf(child, [...prefix, index], out));
  else if (typeof value === 'object' && value !== null)
    for (const [key, child] of Object.entries(value)) pathsOf(child, [...prefix, key], out);
  return out;
}

/** Values that tend to break parsers: wrong types, edges, odd text. */
export const hostileJson: fc.Arbitrary<Json> = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom(
    '',
    ' ',
    null,
    true,
    0,
    -1,
    1.5,
    Number.MAX_SAFE_INTEGER,
    -Number.MAX_SAFE_INTEGER,
    1e308,
    '1e400',
    'NaN',
    '__proto__',
    'constructor',
    '\u0000',
    '😀'.repeat(30),
    'x'.repeat(5000),
    '2026-02-30',
    '25:61',
    '{{order.id}}',
    '{{',
    [],
    {},
    [null],
    { kind: 'all' },
  ),
);

export type MutationOp = 'set' | 'delete' | 'wrapInArray' | 'stringify';

export interface Mutation {
  pathIndex: number;
  op: MutationOp;
  value: Json;
}

export const mutationArb: fc.Arbitrary<Mutation> = fc.record({
  pathIndex: fc.nat(),
  op: fc.constantFrom<MutationOp>('set', 'set', 'delete', 'wrapInArray', 'stringify'),
  value: hostileJson,
});

/** Applies mutations to a copy of `document`; a root replacement replaces the whole document. */
export function mutateJson(document: Json, mutations: readonly Mutation[]): Json {
  let root = structuredClone(document);
  for (const { pathIndex, op, value } of mutations) {
    const paths = pathsOf(root);
    const path = paths[pathIndex % paths.length] ?? [];
    const parentPath = path.slice(0, -1);
    const key = path[path.length - 1];
    const current = path.reduce<Json>((node, step) => (node as Record<Step, Json>)[step], root);
    // A copy: hostile values include shared constants ([], {}, [null] …); inserting one itself would
    // let a later mutation write into it and leak (or cycle) into other fuzz cases.
    const next =
      op === 'set'
        ? structuredClone(value)
        : op === 'wrapInArray'
          ? [current]
          : op === 'stringify'
            ? JSON.stringify(current)
            : undefined;
    if (key === undefined) {
      root = op === 'delete' ? {} : next;
      continue;
    }
    const parent = parentPath.reduce<Json>((node, step) => (node as Record<Step, Json>)[step], root) as
      Record<Step, Json> | Json[];
    if (op === 'delete') {
      if (Array.isArray(parent) && typeof key === 'number') parent.splice(key, 1);
      else delete (parent as Record<Step, Json>)[key];
    } else (parent as Record<Step, Json>)[key] = next;
  }
  return root;
}

/** A valid document from `bases` with 1–3 mutations. */
export function mutatedFrom(bases: readonly Json[]): fc.Arbitrary<Json> {
  return fc
    .tuple(fc.constantFrom(...bases), fc.array(mutationArb, { minLength: 1, maxLength: 3 }))
    .map(([base, mutations]) => mutateJson(base, mutations));
}
