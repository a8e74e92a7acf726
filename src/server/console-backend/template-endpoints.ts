import { compileFlows } from '../../engine/compile-flows.js';
import type { Flow } from '../../engine/flow-schema.js';
import { factsOfOrders } from '../../pipeline/gather-facts.js';
import {
  describeTemplateParams,
  findTemplate,
  TEMPLATES,
  TemplateParamsError,
  type TemplateDefinition,
} from '../../templates/index.js';
import type {
  FactGroup,
  TemplateParam,
  TemplateParamType,
  TemplatePreviewResponse,
  TemplateSummary,
} from '../api-contract.js';
import { ConsoleRequestError, type ConsoleBackend } from '../console-backend.js';
import { audit, DAY_MS, notFound, type BackendDeps } from './shared.js';
import { flowDetail, requireValidFlow } from './flow-endpoints.js';

type TemplateEndpoints = Pick<ConsoleBackend, 'listTemplates' | 'previewTemplate' | 'installTemplate'>;

/** Recent stored orders a preview evaluates at most (bounded work per click). */
const PREVIEW_ORDERS = 200;
const SAMPLE_IDS = 5;

/** The rule builder group each template belongs to (for the gallery's filter). */
const TEMPLATE_GROUPS: Record<string, FactGroup> = {
  FIRST_ORDER: 'customer',
  ISLAND_SHIP: 'shipping',
  HIGH_VALUE: 'order',
  BUNDLE_SHIP: 'shipping',
  BANK_ALERT: 'payment',
  VIP_GIFT: 'customer',
  FRAUD_CHECK: 'order',
  RETURN_RISK: 'customer',
  SAME_DAY: 'time',
  STOCK_ALERT: 'item',
  VIP_CUSTOMER: 'customer',
  JEJU_REMOTE: 'shipping',
  HIGH_RISK: 'order',
  EVENT_ORDER: 'time',
  CS_CAUTION: 'customer',
  DAWN_SAME_DAY: 'time',
  BUNDLE_HINT: 'shipping',
  MARKETING: 'item',
  BIG_ORDER: 'order',
};

/** The form input a parameter needs, from its key (names are consistent across templates) and type. */
function paramType(key: string, type: string): TemplateParamType {
  if (key === 'label') return 'label';
  if (key === 'channel') return 'channel';
  if (/amount/i.test(key)) return 'won';
  if (/minutes/i.test(key)) return 'minutes';
  if (key === 'days' || /days$/i.test(key)) return 'days';
  if (key === 'productNos') return 'products';
  if (key === 'from' || key === 'to') return 'datetime';
  if (key === 'zones') return 'zones';
  if (type.startsWith('array') || type.endsWith('[]')) return 'tags';
  if (type === 'number') return 'int';
  return 'string';
}

/** `"한국어 / English"` → both texts (the template files describe parameters that way). */
function localized(text: string): { ko: string; en: string } {
  const [ko, en] = text.split(' / ');
  return { ko: ko ?? text, en: en ?? ko ?? text };
}

function templateParams(template: TemplateDefinition): TemplateParam[] {
  return describeTemplateParams(template).map((info) => ({
    key: info.key,
    type: paramType(info.key, info.type),
    label: localized(info.description),
    required: info.required,
    ...(info.defaultValue === undefined ? {} : { default: info.defaultValue }),
  }));
}

/** The label a template adds unless renamed (its `label` parameter's default, else its id). */
export function defaultLabelOf(template: TemplateDefinition): string {
  const labelSchema = template.params.shape.label as
    { safeParse?: (value: unknown) => { success: boolean; data?: unknown } } | undefined;
  const parsed = labelSchema?.safeParse?.(undefined);
  return parsed?.success && typeof parsed.data === 'string' ? parsed.data : template.id;
}

/** Builds the template's flow; bad parameters are refused with `flow_invalid` naming each key. */
function buildTemplate(template: TemplateDefinition, params: Record<string, unknown>): Flow {
  try {
    return template.build(params);
  } catch (error) {
    if (error instanceof TemplateParamsError) {
      throw new ConsoleRequestError('flow_invalid', 'The template parameters are not valid.', {
        issues: error.problems.map((problem) => ({
          path: `params.${problem.key}`,
          code: 'invalid_param',
          message: { ko: problem.message, en: problem.message },
        })),
      });
    }
    throw error;
  }
}

function requireTemplate(templateId: string): TemplateDefinition {
  const template = findTemplate(templateId);
  if (template === undefined) throw notFound(`Template ${templateId}`);
  return template;
}

export function templateEndpoints(deps: BackendDeps): TemplateEndpoints {
  const { store } = deps.ctx;
  return {
    async listTemplates(actor) {
      const flows = await store.flows.list(actor.mallId);
      const templates: TemplateSummary[] = TEMPLATES.map((template) => ({
        id: template.id,
        kind: template.kind,
        group: TEMPLATE_GROUPS[template.id] ?? 'order',
        name: template.name,
        description: template.description,
        defaultLabel: defaultLabelOf(template),
        params: templateParams(template),
        installedFlowId: flows.find((entry) => entry.flow.templateId === template.id)?.flowId ?? null,
      }));
      return { templates };
    },

    async previewTemplate(actor, templateId, body): Promise<TemplatePreviewResponse> {
      const flow = buildTemplate(requireTemplate(templateId), body.params);
      const compiled = compileFlows([{ ...flow, enabled: true }], {
        maxLabelLength: deps.ctx.config.maxLabelLength,
      });
      const since = deps.ctx.now() - body.days * DAY_MS;
      const ids = await store.orders.listRecentIds(actor.mallId, { limit: PREVIEW_ORDERS });
      const orders = [];
      for (const orderId of ids) {
        const order = await store.orders.get(actor.mallId, orderId);
        if (order !== null && Date.parse(order.placedAt) >= since) orders.push(order);
      }
      const facts = await factsOfOrders(deps.ctx, actor.mallId, orders);
      const matched: string[] = [];
      for (const [index, orderFacts] of facts.entries()) {
        const decision = compiled.evaluate(orderFacts, { now: deps.ctx.now(), trigger: 'manual' });
        const order = orders[index];
        if (decision.matched.length > 0 && order !== undefined) matched.push(order.orderId);
      }
      return {
        days: body.days,
        ordersConsidered: orders.length,
        ordersMatched: matched.length,
        sampleOrderIds: matched.slice(0, SAMPLE_IDS),
      };
    },

    async installTemplate(actor, templateId, body) {
      const template = requireTemplate(templateId);
      // The label: as renamed here, else the mall's label name for this template (settings), else the default.
      const label = body.label ?? (await store.settings.get(actor.mallId))?.labelNames[template.id];
      const hasLabelParam = 'label' in template.params.shape;
      const params = label !== undefined && hasLabelParam ? { ...body.params, label } : body.params;
      const built = buildTemplate(template, params);
      const taken = new Set((await store.flows.list(actor.mallId)).map((entry) => entry.flowId));
      let flowId = template.id;
      for (let n = 2; taken.has(flowId); n += 1) flowId = `${template.id}-${n}`;
      const flow = requireValidFlow(deps, {
        ...built,
        id: flowId,
        version: 1,
        enabled: body.enabled,
        templateId: template.id,
      });
      const result = await store.flows.save(actor.mallId, flow, {
        author: actor.userId,
        // Shown as the version's change note in the Korean-first console.
        note: `템플릿 ${template.id}에서 설치`,
        now: deps.ctx.now(),
        expectedVersion: 0,
      });
      if (!result.ok) throw new ConsoleRequestError('conflict', `Flow ${flowId} exists already.`);
      await audit(deps, actor, {
        action: 'template.install',
        target: `flow:${flowId}`,
        summary: `템플릿 ${template.id} 설치`,
        details: { params },
      });
      return flowDetail(result.flow);
    },
  };
}
