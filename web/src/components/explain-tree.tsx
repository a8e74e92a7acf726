import type { ConditionTrace, FactDefinition, FlowTrace } from '../../../src/server/api-contract.js';
import { formatNumber } from '../lib/format.js';
import type { MessageKey } from '../lib/i18n.js';
import { useI18n } from '../lib/i18n.js';
import { Badge } from './ui.js';

const pad = (value: number): string => String(value).padStart(2, '0');

/** What a time window saw: the KST minute of day as HH:MM. */
const minuteText = (seen: unknown): string =>
  typeof seen === 'number' ? `${pad(Math.floor(seen / 60))}:${pad(seen % 60)}` : '—';

/** A value as an operator reads it: won with commas, option names, lists joined, yes/no. */
export function useFormatValue(): (value: unknown, fact?: FactDefinition) => string {
  const { t, lang } = useI18n();
  const format = (value: unknown, fact?: FactDefinition): string => {
    if (value === null || value === undefined || value === '') return '—';
    if (Array.isArray(value))
      return value.length === 0 ? '[]' : value.map((one) => format(one, fact)).join(', ');
    if (typeof value === 'boolean') return t(value ? 'builder.yes' : 'builder.no');
    const option = fact?.options?.find((one) => one.value === value);
    if (option) return option.label[lang];
    if (typeof value === 'number') {
      if (fact?.type === 'won') return lang === 'ko' ? `${formatNumber(value)}원` : `₩${formatNumber(value)}`;
      if (fact?.type === 'time') return minuteText(value);
      if (fact?.type === 'datetime') {
        return new Date(value).toLocaleString(lang === 'ko' ? 'ko-KR' : 'en-US', { timeZone: 'Asia/Seoul' });
      }
      return formatNumber(value);
    }
    if (typeof value === 'object') return JSON.stringify(value);
    return String(value);
  };
  return format;
}

function Mark({ result }: { result: boolean }) {
  const { t } = useI18n();
  return (
    <span
      className={`mark ${result ? 'mark-yes' : 'mark-no'}`}
      role="img"
      aria-label={t(result ? 'explain.true' : 'explain.false')}
    >
      {result ? '✔' : '✘'}
    </span>
  );
}

function NodeView({ node, facts }: { node: ConditionTrace; facts: Map<string, FactDefinition> }) {
  const { t, pick, lang } = useI18n();
  const format = useFormatValue();
  const fact = node.fact ? facts.get(node.fact) : undefined;
  let text: React.ReactNode;
  let children: React.ReactNode = null;
  switch (node.kind) {
    case 'all':
    case 'any':
    case 'not':
      text = t(node.kind === 'all' ? 'builder.all' : node.kind === 'any' ? 'builder.any' : 'builder.not');
      break;
    case 'items': {
      const matching = (node.items ?? []).filter((item) => item.result).map((item) => item.itemCode);
      text = `${t('explain.items')} (${t(`explain.quantifier.${node.quantifier ?? 'any'}` as MessageKey)})${
        matching.length ? ` · ${t('explain.matchedItems', { items: matching.join(', ') })}` : ''
      }`;
      children = (node.items ?? []).map((item) => (
        <li key={item.itemCode} className={`explain-node ${item.result ? 'explain-yes' : 'explain-no'}`}>
          <div className="explain-line">
            <Mark result={item.result} />
            <span className="mono">{item.itemCode}</span>
          </div>
          <ul>
            {item.conditions.map((child, index) => (
              <NodeView key={index} node={child} facts={facts} />
            ))}
          </ul>
        </li>
      ));
      break;
    }
    case 'timeOfDay':
      text = (
        <>
          <strong>{t('explain.kind.timeOfDay')}</strong>{' '}
          <code>
            {node.from}–{node.to}
          </code>
          <span className="seen">
            {t('explain.seen')} <code>{minuteText(node.seen)}</code>
          </span>
        </>
      );
      break;
    case 'dateRange':
      text = (
        <>
          <strong>{t('explain.kind.dateRange')}</strong>{' '}
          <code>
            {node.from} ~ {node.to}
          </code>
          <span className="seen">
            {t('explain.seen')}{' '}
            <code>
              {typeof node.seen === 'number'
                ? new Date(node.seen).toLocaleString(lang === 'ko' ? 'ko-KR' : 'en-US', {
                    timeZone: 'Asia/Seoul',
                  })
                : '—'}
            </code>
          </span>
        </>
      );
      break;
    case 'compare':
      text = (
        <>
          <strong>{fact ? pick(fact.label) : node.fact}</strong>
          {node.arg !== undefined && <span className="muted"> ({node.arg})</span>}{' '}
          {node.op && <span className="muted">{t(`op.${node.op}` as MessageKey)}</span>}{' '}
          {node.value !== undefined && <code>{format(node.value, fact)}</code>}
          <span className="seen">
            {t('explain.seen')} <code>{format(node.seen, fact)}</code>
          </span>
        </>
      );
      break;
  }
  return (
    <li className={`explain-node ${node.result ? 'explain-yes' : 'explain-no'}`}>
      <div className="explain-line">
        <Mark result={node.result} />
        <span>{text}</span>
      </div>
      {(node.children?.length || children) && (
        <ul>
          {node.children?.map((child, index) => (
            <NodeView key={index} node={child} facts={facts} />
          ))}
          {children}
        </ul>
      )}
    </li>
  );
}

/** Per rule of a flow: matched or not, and each condition with the value the engine saw. */
export function ExplainTree({ trace, facts }: { trace: FlowTrace; facts: FactDefinition[] }) {
  const { t } = useI18n();
  const byId = new Map(facts.map((fact) => [fact.id, fact]));
  return (
    <div className="explain">
      {trace.rules.map((rule) => (
        <div key={rule.ruleId} className="explain-rule">
          <div className="explain-rule-head">
            <Mark result={rule.matched} />
            <strong>{rule.ruleName}</strong>
            {rule.skipped ? (
              <Badge>{t('explain.skipped')}</Badge>
            ) : (
              <Badge tone={rule.matched ? 'green' : 'neutral'}>
                {t(rule.matched ? 'explain.ruleMatched' : 'explain.ruleNotMatched')}
              </Badge>
            )}
          </div>
          {rule.condition && (
            <ul className="explain-tree">
              <NodeView node={rule.condition} facts={byId} />
            </ul>
          )}
        </div>
      ))}
    </div>
  );
}
