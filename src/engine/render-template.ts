import type { OrderFacts } from '../domain/order-facts.js';
import { FACTS, findFact } from './fact-catalogue.js';
import { readOrderFact } from './fact-readers.js';
import { formatFactValue } from './format-value.js';

/**
 * Memo/notify templates: text with `{{order.id}}`-style placeholders naming non-personal order facts
 * of the catalogue, or `flow.id`, `flow.name`, `rule.id`, `rule.name`. Personal data (address, zip,
 * IP) is not available, so a memo can never leak it.
 */

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;
const CONTEXT_NAMES = ['flow.id', 'flow.name', 'rule.id', 'rule.name'] as const;

/** Placeholder names a template may use. */
export const TEMPLATE_PLACEHOLDERS: readonly string[] = [
  ...FACTS.filter((f) => f.scope === 'order' && !f.personal && !f.derived).map((f) => f.id),
  ...CONTEXT_NAMES,
];

export type TemplatePart = string | { placeholder: string };

/** Splits a template into text and placeholders; `unknown` lists names that are not allowed. */
export function parseTemplate(text: string): { parts: TemplatePart[]; unknown: string[] } {
  const parts: TemplatePart[] = [];
  const unknown: string[] = [];
  let last = 0;
  for (const match of text.matchAll(PLACEHOLDER)) {
    const name = match[1] ?? '';
    if (match.index > last) parts.push(text.slice(last, match.index));
    if (TEMPLATE_PLACEHOLDERS.includes(name)) parts.push({ placeholder: name });
    else {
      unknown.push(name);
      parts.push(match[0]);
    }
    last = match.index + match[0].length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return { parts, unknown };
}

export interface TemplateContext {
  flow: { id: string; name: string };
  rule: { id: string; name: string };
}

/** Renders parsed parts; unknown placeholders were left as literal text by parseTemplate. */
export function renderTemplate(
  parts: readonly TemplatePart[],
  facts: OrderFacts,
  context: TemplateContext,
): string {
  let out = '';
  for (const part of parts) {
    if (typeof part === 'string') {
      out += part;
      continue;
    }
    const name = part.placeholder;
    if ((CONTEXT_NAMES as readonly string[]).includes(name)) {
      const [scope, key] = name.split('.') as ['flow' | 'rule', 'id' | 'name'];
      out += context[scope][key];
      continue;
    }
    const def = findFact(name);
    out += def ? formatFactValue(def, readOrderFact(def, facts, undefined), 'ko') : '';
  }
  return out;
}
