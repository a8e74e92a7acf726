import { useEffect, useState } from 'react';
import type { FactDefinition, FactsResponse, RunDetail } from '../../../src/server/api-contract.js';
import { ExplainTree, useFormatValue } from '../components/explain-tree.js';
import { GROUPS } from '../components/condition-editor.js';
import { Badge, Card, ErrorBox, LabelBadge, Loading, PageHeader } from '../components/ui.js';
import type { Tone } from '../components/ui.js';
import { formatDateTime, formatDuration, formatTime } from '../lib/format.js';
import type { MessageKey } from '../lib/i18n.js';
import { useI18n } from '../lib/i18n.js';
import { messages } from '../lib/messages.js';
import { href } from '../lib/router.js';
import { loadFacts } from '../lib/session.js';
import { useApi } from '../lib/use-api.js';
import { OUTCOME_TONE } from './runs-page.js';

const ACTION_TONE: Record<string, Tone> = {
  applied: 'green',
  unchanged: 'neutral',
  skipped: 'neutral',
  failed: 'red',
  pending: 'amber',
};

/** Reads a catalogue fact out of the run's facts by its property path. */
function factValue(facts: unknown, path: string[]): unknown {
  return path.reduce<unknown>(
    (value, key) =>
      typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined,
    facts,
  );
}

/** Timeline details name a trigger (`order.created`) or labels; triggers read in the console language. */
function useStepDetail(): (detail: string) => string {
  const { t } = useI18n();
  return (detail) => {
    const key = `trigger.${detail}`;
    return key in messages ? t(key as MessageKey) : detail;
  };
}

function FactsTable({ run, facts }: { run: RunDetail; facts: FactDefinition[] }) {
  const { t, pick } = useI18n();
  const format = useFormatValue();
  return (
    <div className="facts-grid">
      {GROUPS.map((group) => {
        // Derived facts have no stored value; personal ones stay out of the console.
        const rows = facts.filter(
          (fact) => fact.group === group && fact.scope === 'order' && fact.path && !fact.personal,
        );
        if (rows.length === 0) return null;
        return (
          <div key={group}>
            <h3 className="section-title">{t(`group.${group}` as MessageKey)}</h3>
            <dl className="kv">
              {rows.map((fact) => (
                <div key={fact.id} className="kv-row">
                  <dt title={fact.id}>{pick(fact.label)}</dt>
                  <dd>{format(factValue(run.facts, fact.path ?? []), fact)}</dd>
                </div>
              ))}
            </dl>
          </div>
        );
      })}
      <div className="facts-items">
        <h3 className="section-title">{t('run.items')}</h3>
        <table className="table table-compact">
          <thead>
            <tr>
              <th scope="col">{t('sample.itemName')}</th>
              <th scope="col">{t('sample.itemTags')}</th>
              <th scope="col" className="num">
                {t('sample.itemQty')}
              </th>
              <th scope="col" className="num">
                {t('sample.itemPrice')}
              </th>
              <th scope="col" className="num">
                {t('sample.itemStock')}
              </th>
            </tr>
          </thead>
          <tbody>
            {run.facts.items.map((item) => (
              <tr key={item.itemCode}>
                <td>
                  {item.name}
                  <div className="muted small mono">{item.itemCode}</div>
                </td>
                <td>
                  <div className="badge-row">
                    {item.tags.map((tag) => (
                      <Badge key={tag} tone="blue">
                        {tag}
                      </Badge>
                    ))}
                  </div>
                </td>
                <td className="num">{item.quantity}</td>
                <td className="num">{format(item.price, { type: 'won' } as FactDefinition)}</td>
                <td className="num">{item.stock ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

/** One run: why this order got these labels — timeline, trace, actions with outcomes, facts. */
export default function RunDetailPage({ runId }: { runId: string }) {
  const { t, lang } = useI18n();
  const run = useApi<RunDetail>(`/api/runs/${encodeURIComponent(runId)}`);
  const stepDetail = useStepDetail();
  const [catalogue, setCatalogue] = useState<FactsResponse>();
  useEffect(() => {
    loadFacts()
      .then(setCatalogue)
      .catch(() => undefined);
  }, []);

  if (run.error) return <ErrorBox error={run.error} onRetry={run.reload} />;
  if (!run.data) return <Loading />;
  const detail = run.data;
  const start = detail.timeline[0] ? new Date(detail.timeline[0].at).getTime() : 0;
  return (
    <>
      <PageHeader
        title={t('run.title', { orderId: detail.run.orderId })}
        description={`${formatDateTime(detail.run.at, lang)} · ${t(`trigger.${detail.run.trigger}` as 'trigger.manual')} · ${formatDuration(detail.run.durationMs)}`}
        actions={
          <>
            <a className="btn" href={href('runs')}>
              {t('run.back')}
            </a>
            <a className="btn" href={`${href('requests')}?order=${encodeURIComponent(detail.run.orderId)}`}>
              {t('run.ask')}
            </a>
          </>
        }
      />
      <div className="run-summary card">
        <Badge tone={OUTCOME_TONE[detail.run.outcome]}>{t(`outcome.${detail.run.outcome}`)}</Badge>
        <div className="badge-row">
          {detail.run.labels.length ? (
            detail.run.labels.map((label) => <LabelBadge key={label} name={label} />)
          ) : (
            <span className="muted">{t('run.noLabels')}</span>
          )}
        </div>
        <span className="muted small">
          {detail.run.flows.map((flow) => `${flow.name} v${flow.version}`).join(' · ')}
        </span>
      </div>

      <Card title={t('run.timeline')}>
        <ol className="timeline">
          {detail.timeline.map((step, index) => (
            <li key={index} className={`timeline-step timeline-${step.step}`}>
              <span className="timeline-dot" aria-hidden="true" />
              <strong>{t(`step.${step.step}`)}</strong>
              <span className="mono small">{formatTime(step.at, lang)}</span>
              {index > 0 && (
                <span className="muted small">+{formatDuration(new Date(step.at).getTime() - start)}</span>
              )}
              {step.detail && <span className="muted small">{stepDetail(step.detail)}</span>}
            </li>
          ))}
        </ol>
      </Card>

      <div className="grid-2">
        <Card title={t('run.trace')}>
          {detail.trace.map((flow) => (
            <div key={flow.flowId} className="trace-flow">
              <h3 className="section-title">
                <a href={href('flows', flow.flowId)}>{flow.flowName}</a>{' '}
                <span className="muted">v{flow.flowVersion}</span>
              </h3>
              <ExplainTree trace={flow} facts={catalogue?.facts ?? []} />
            </div>
          ))}
        </Card>
        <Card title={t('run.actions')}>
          {detail.actions.length === 0 ? (
            <p className="muted">{t('run.noActions')}</p>
          ) : (
            <ul className="action-outcomes">
              {detail.actions.map((outcome, index) => (
                <li key={index}>
                  <Badge tone={ACTION_TONE[outcome.outcome] ?? 'neutral'}>
                    {t(`actionOutcome.${outcome.outcome}`)}
                  </Badge>
                  <strong>{t(`action.${outcome.action.type}` as MessageKey)}</strong>
                  {'label' in outcome.action && outcome.action.label && (
                    <LabelBadge name={outcome.action.label} />
                  )}
                  {outcome.action.type === 'giftTarget' && <span>{outcome.action.gift}</span>}
                  {outcome.action.type === 'csFlag' && <span>{outcome.action.reason}</span>}
                  {outcome.detail && <span className="muted small">{outcome.detail}</span>}
                  {outcome.at && <span className="muted small mono">{formatTime(outcome.at, lang)}</span>}
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>

      <Card title={t('run.facts')}>
        <FactsTable run={detail} facts={catalogue?.facts ?? []} />
      </Card>
    </>
  );
}
