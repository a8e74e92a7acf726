import type { Command } from 'commander';
import type { Product } from '../../domain/product.js';
import type { Flow } from '../../engine/flow-schema.js';
import { replayOrders } from '../../pipeline/replay-orders.js';
import {
  findTemplate,
  parseTemplateParamValue,
  TemplateParamsError,
  TEMPLATES,
} from '../../templates/index.js';
import { CliUsageError } from '../cli-errors.js';
import { readCatalogueFile, readFlowsFile, readOrdersFile } from '../read-orders-file.js';

/** The options that choose flows, shared by `replay` and `evaluate`. */
export interface FlowSelectionOptions {
  templates?: string;
  flows?: string;
  param: string[];
}

/** Collects repeated `--param` values. */
export const collectParam = (value: string, previous: string[]): string[] => [...previous, value];

/** `ID.key=value` → its parts; the value may contain `=` and `.`. */
function splitParam(text: string): { templateId: string; key: string; raw: string } {
  const equals = text.indexOf('=');
  const dot = text.indexOf('.');
  if (equals < 0 || dot < 0 || dot > equals || dot === 0 || dot === equals - 1) {
    throw new CliUsageError(`--param ${text}: ID.key=value 형식이어야 합니다 / expected ID.key=value`);
  }
  return { templateId: text.slice(0, dot), key: text.slice(dot + 1, equals), raw: text.slice(equals + 1) };
}

/**
 * `all` means the 10 built-in templates; examples (VIP_CUSTOMER, EVENT_ORDER …) are chosen by ID.
 * Without --templates and --flows, replay runs all templates.
 */
function selectedTemplateIds(templates: string | undefined, flowsGiven: boolean): string[] {
  if (templates === undefined)
    return flowsGiven ? [] : TEMPLATES.filter((t) => t.kind === 'template').map((t) => t.id);
  const ids: string[] = [];
  for (const id of templates
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')) {
    if (id === 'all') {
      ids.push(...TEMPLATES.filter((t) => t.kind === 'template').map((t) => t.id));
    } else if (!findTemplate(id)) {
      throw new CliUsageError(
        `--templates: 알 수 없는 템플릿입니다 / unknown template: ${id} (${TEMPLATES.map((t) => t.id).join(', ')})`,
      );
    } else {
      ids.push(id);
    }
  }
  if (ids.length === 0)
    throw new CliUsageError('--templates: 템플릿 ID가 필요합니다 / expected template IDs or all');
  return [...new Set(ids)];
}

/** Builds one template; bad or missing parameters name the `--param` to give. */
function buildTemplate(id: string, params: Record<string, unknown> | undefined): Flow {
  try {
    return findTemplate(id)!.build(params);
  } catch (error) {
    if (error instanceof TemplateParamsError) {
      throw new CliUsageError(`${error.message} (--param ${id}.<key>=<value>)`, { cause: error });
    }
    throw error;
  }
}

/**
 * Builds the flows to evaluate: the chosen templates with their `--param` values, then the flows of
 * the `--flows` file. Bad IDs, parameters or files become user errors (exit code 2).
 */
export async function selectFlows(options: FlowSelectionOptions): Promise<Flow[]> {
  const ids = selectedTemplateIds(options.templates, options.flows !== undefined);
  const params = new Map<string, Record<string, unknown>>();
  for (const text of options.param) {
    const { templateId, key, raw } = splitParam(text);
    const template = findTemplate(templateId);
    if (!template)
      throw new CliUsageError(`--param ${text}: 알 수 없는 템플릿입니다 / unknown template: ${templateId}`);
    if (!ids.includes(templateId)) {
      throw new CliUsageError(
        `--param ${text}: ${templateId}이(가) --templates에 없습니다 / ${templateId} is not selected by --templates`,
      );
    }
    const value = parseTemplateParamValue(template, key, raw);
    if (!value.ok) throw new CliUsageError(`--param ${text}: ${templateId}.${key}: ${value.error}`);
    params.set(templateId, { ...params.get(templateId), [key]: value.value });
  }
  const flows = ids.map((id) => buildTemplate(id, params.get(id)));
  if (options.flows !== undefined) {
    for (const flow of await readFlowsFile(options.flows)) {
      if (flows.some((other) => other.id === flow.id)) {
        throw new CliUsageError(
          `${options.flows}: flow ${flow.id}: 템플릿과 ID가 겹칩니다 / the ID is already used by a template`,
        );
      }
      flows.push(flow);
    }
  }
  return flows;
}

/** Reads the catalogue when one is given; without it items have no tags and no stock. */
export const readOptionalCatalogue = async (file: string | undefined): Promise<Product[]> =>
  file === undefined ? [] : readCatalogueFile(file);

/** `passwing replay`: evaluates an order export offline and prints one JSON line per order. */
export function registerReplayCommand(program: Command): void {
  program
    .command('replay')
    .description(
      '주문 파일을 오프라인으로 평가해 주문마다 JSON 한 줄을 출력 / evaluate an order export offline (NDJSON out)',
    )
    .requiredOption('--orders <file>', '카페24 주문 JSON 또는 NDJSON / Cafe24 order JSON or NDJSON')
    .option('--catalog <file>', '상품 카탈로그 JSON / product catalogue JSON')
    .option('--templates <ids>', '템플릿 ID 목록 또는 all / comma-separated template IDs or all')
    .option('--flows <file>', '패스플로우 JSON / PassFlow JSON file')
    .option(
      '--param <ID.key=value>',
      '템플릿 파라미터(반복 가능) / template parameter (repeatable)',
      collectParam,
      [],
    )
    .action(async (options: FlowSelectionOptions & { orders: string; catalog?: string }) => {
      const flows = await selectFlows(options);
      const catalogue = await readOptionalCatalogue(options.catalog);
      const orders = await readOrdersFile(options.orders);
      const lines = await replayOrders(orders, { flows, catalogue });
      process.stdout.write(lines.map((line) => `${JSON.stringify(line)}\n`).join(''));
    });
}
