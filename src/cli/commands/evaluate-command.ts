import type { Command } from 'commander';
import { explainDecision } from '../../engine/explain-decision.js';
import { replayDecisions, type ReplayedOrder } from '../../pipeline/replay-orders.js';
import { CliUsageError } from '../cli-errors.js';
import { readOrdersFile } from '../read-orders-file.js';
import {
  collectParam,
  readOptionalCatalogue,
  selectFlows,
  type FlowSelectionOptions,
} from './replay-command.js';

type Lang = 'ko' | 'en';

interface EvaluateOptions extends FlowSelectionOptions {
  order: string;
  catalog?: string;
  explain?: boolean;
  lang: string;
}

const TEXT = {
  order: { ko: '주문', en: 'Order' },
  labels: { ko: '라벨', en: 'labels' },
  rules: { ko: '일치한 규칙', en: 'matched rules' },
  none: { ko: '없음', en: 'none' },
  received: { ko: '나중 주문의 규칙이 함께 붙인 라벨', en: 'label added by a later order’s rule' },
} as const;

/**
 * One order's block: with --explain a header and the engine's explanation (which ends with the
 * labels), else a one-line summary; then any labels later orders gave it (bundling).
 */
function describe(replayed: ReplayedOrder, lang: Lang, explain: boolean): string {
  const { decision } = replayed;
  const list = (values: readonly string[]): string =>
    values.length > 0 ? values.join(', ') : TEXT.none[lang];
  const lines = explain
    ? [`${TEXT.order[lang]} ${replayed.order.orderId}`, explainDecision(decision, { lang })]
    : [
        `${TEXT.order[lang]} ${replayed.order.orderId} — ${TEXT.labels[lang]}: ${list(decision.labels)}; ` +
          `${TEXT.rules[lang]}: ${list(decision.matched.map((match) => match.ruleId))}`,
      ];
  for (const received of replayed.received) {
    lines.push(
      `+ ${received.label} (${received.action.ruleId}) ← ${TEXT.order[lang]} ${received.fromOrderId}: ${TEXT.received[lang]}`,
    );
  }
  return lines.join('\n');
}

/**
 * `passwing evaluate`: evaluates the orders of a file (each with history from the earlier orders of
 * the same file) and prints, with --explain, why each rule matched or not, in Korean or English.
 */
export function registerEvaluateCommand(program: Command): void {
  program
    .command('evaluate')
    .description('주문을 평가하고 규칙별 판단 이유를 출력 / evaluate orders and explain every rule')
    .requiredOption('--order <file>', '카페24 주문 JSON 또는 NDJSON / Cafe24 order JSON or NDJSON')
    .option('--flows <file>', '패스플로우 JSON / PassFlow JSON file')
    .option('--templates <ids>', '템플릿 ID 목록 또는 all / comma-separated template IDs or all')
    .option(
      '--param <ID.key=value>',
      '템플릿 파라미터(반복 가능) / template parameter (repeatable)',
      collectParam,
      [],
    )
    .option('--catalog <file>', '상품 카탈로그 JSON / product catalogue JSON')
    .option('--explain', '조건별 판단 이유 / explain every condition')
    .option('--lang <lang>', 'ko | en', 'ko')
    .action(async (options: EvaluateOptions) => {
      if (options.lang !== 'ko' && options.lang !== 'en') {
        throw new CliUsageError(`--lang: ko 또는 en이 필요합니다 / expected ko or en, got "${options.lang}"`);
      }
      if (options.flows === undefined && options.templates === undefined) {
        throw new CliUsageError('--flows 또는 --templates가 필요합니다 / --flows or --templates is required');
      }
      const lang: Lang = options.lang;
      const flows = await selectFlows(options);
      const catalogue = await readOptionalCatalogue(options.catalog);
      const orders = await readOrdersFile(options.order);
      const explain = options.explain ?? false;
      const evaluated = await replayDecisions(orders, { flows, catalogue, explain });
      process.stdout.write(
        `${evaluated.map((replayed) => describe(replayed, lang, explain)).join('\n\n')}\n`,
      );
    });
}
