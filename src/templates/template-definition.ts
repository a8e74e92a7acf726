import { z } from 'zod';
import { Flow, type Action, type Condition, type Rule } from '../engine/flow-schema.js';
import { TemplateParamsError } from './template-params-error.js';

/** A text in Korean (the UI's first language) and English. */
export const Localized = z.object({ ko: z.string(), en: z.string() });
export type Localized = z.infer<typeof Localized>;

export type TemplateKind = 'template' | 'example';

/**
 * A built-in template (DESIGN.md "Built-in templates") or example recipe: parameterised data that
 * builds an ordinary PassFlow. The engine knows nothing about templates.
 */
export interface TemplateDefinition {
  id: string;
  kind: TemplateKind;
  name: Localized;
  description: Localized;
  /** Parameter schema; every number of the rule and the label name are parameters with defaults. */
  params: z.ZodObject;
  /** The parameters used when none are given; null when the template needs parameters (EVENT_ORDER). */
  defaults: Record<string, unknown> | null;
  /** Builds the flow; throws TemplateParamsError naming each bad or missing parameter. */
  build(params?: unknown): Flow;
}

/** What one template file declares: its texts, its parameter schema and its one rule. */
export interface TemplateSpec<S extends z.ZodObject> {
  id: string;
  kind: TemplateKind;
  name: Localized;
  description: Localized;
  params: S;
  rule(params: z.output<S>): { when: Condition; then: Action[] };
}

const ALL_TRIGGERS: Flow['triggers'] = ['order.created', 'order.paid', 'order.changed', 'manual'];

/**
 * Turns a spec into a definition. The flow and its single rule carry the template ID, so decisions
 * and replay output name the template that matched.
 */
export function defineTemplate<S extends z.ZodObject>(spec: TemplateSpec<S>): TemplateDefinition {
  const defaultsResult = spec.params.safeParse({});
  return {
    id: spec.id,
    kind: spec.kind,
    name: spec.name,
    description: spec.description,
    params: spec.params,
    defaults: defaultsResult.success ? (defaultsResult.data as Record<string, unknown>) : null,
    build(params?: unknown): Flow {
      const parsed = spec.params.safeParse(params ?? {});
      if (!parsed.success) {
        throw new TemplateParamsError(
          spec.id,
          parsed.error.issues.map((issue) => ({
            key: issue.path.length > 0 ? issue.path.map(String).join('.') : '(params)',
            message: issue.message,
          })),
          { cause: parsed.error },
        );
      }
      const rule: Rule = { id: spec.id, name: spec.name.ko, ...spec.rule(parsed.data) };
      return Flow.parse({
        id: spec.id,
        name: spec.name.ko,
        enabled: true,
        priority: 100,
        triggers: ALL_TRIGGERS,
        rules: [rule],
        version: 1,
        templateId: spec.id,
      });
    },
  };
}

/** The label-name parameter: defaults to the template ID or the example's Korean label. */
export const labelParam = (defaultLabel: string) =>
  z.string().trim().min(1).max(50).default(defaultLabel).describe('라벨 이름 / label name');

/** A won amount parameter (integer, not negative). */
export const wonParam = (defaultWon: number, description: string) =>
  z.number().int().nonnegative().default(defaultWon).describe(description);

/** A positive whole-number parameter (minutes, days, counts). */
export const countParam = (defaultCount: number, description: string) =>
  z.number().int().positive().default(defaultCount).describe(description);
