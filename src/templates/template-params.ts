import type { z } from 'zod';
import type { TemplateDefinition } from './template-definition.js';

/** A parameter as `templates show` and the console present it. */
export interface TemplateParamInfo {
  key: string;
  /** string | number | boolean | array of … | other zod type names. */
  type: string;
  /** "한국어 / English" description. */
  description: string;
  required: boolean;
  /** The default value; undefined when the parameter is required. */
  defaultValue: unknown;
}

type ParamResult = { ok: true; value: unknown } | { ok: false; error: string };

/** zod 4 keeps the structure in `def`; only the wrapper kinds used by template params are unwrapped. */
interface SchemaDef {
  type: string;
  innerType?: z.ZodType;
  element?: z.ZodType;
  defaultValue?: unknown;
}
const defOf = (schema: z.ZodType): SchemaDef => schema.def as unknown as SchemaDef;

/** Strips default/optional wrappers. */
function baseSchema(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (let def = defOf(current); def.innerType && (def.type === 'default' || def.type === 'optional');) {
    current = def.innerType;
    def = defOf(current);
  }
  return current;
}

function typeName(schema: z.ZodType): string {
  const base = baseSchema(schema);
  const def = defOf(base);
  return def.type === 'array' && def.element ? `${typeName(def.element)}[]` : def.type;
}

/** Lists the parameters of a template with their types, descriptions and defaults. */
export function describeTemplateParams(template: TemplateDefinition): TemplateParamInfo[] {
  return Object.entries(template.params.shape).map(([key, schema]) => {
    const def = defOf(schema);
    const hasDefault = def.type === 'default';
    return {
      key,
      type: typeName(schema),
      description: schema.description ?? baseSchema(schema).description ?? '',
      required: !hasDefault && def.type !== 'optional',
      defaultValue: hasDefault ? def.defaultValue : undefined,
    };
  });
}

function coerceScalar(schema: z.ZodType, raw: string): ParamResult {
  const type = defOf(baseSchema(schema)).type;
  if (type === 'number') {
    const value = Number(raw.replace(/_/g, ''));
    return raw.trim() !== '' && Number.isFinite(value)
      ? { ok: true, value }
      : { ok: false, error: `숫자가 필요합니다 / expected a number, got "${raw}"` };
  }
  if (type === 'boolean') {
    if (raw === 'true' || raw === 'false') return { ok: true, value: raw === 'true' };
    return { ok: false, error: `true 또는 false가 필요합니다 / expected true or false, got "${raw}"` };
  }
  return { ok: true, value: raw };
}

/**
 * Turns the text of `--param ID.key=value` into the value the parameter's schema expects: numbers,
 * booleans, comma-separated lists (`12,14`) or a JSON array. Validation proper happens in build().
 */
export function parseTemplateParamValue(template: TemplateDefinition, key: string, raw: string): ParamResult {
  const schema: z.ZodType | undefined = Object.hasOwn(template.params.shape, key)
    ? template.params.shape[key]
    : undefined;
  if (!schema) {
    const known = Object.keys(template.params.shape).join(', ');
    return { ok: false, error: `알 수 없는 파라미터입니다 / unknown parameter (known: ${known})` };
  }
  const base = baseSchema(schema);
  const def = defOf(base);
  if (def.type !== 'array' || !def.element) return coerceScalar(schema, raw);
  if (raw.trim().startsWith('[')) {
    try {
      return { ok: true, value: JSON.parse(raw) as unknown };
    } catch {
      return { ok: false, error: `JSON 배열이 아닙니다 / not a JSON array: ${raw}` };
    }
  }
  const values: unknown[] = [];
  for (const part of raw
    .split(',')
    .map((text) => text.trim())
    .filter((text) => text !== '')) {
    const element = coerceScalar(def.element, part);
    if (!element.ok) return element;
    values.push(element.value);
  }
  return { ok: true, value: values };
}
