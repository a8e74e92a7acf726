import { useEffect, useState } from 'react';
import type { OrderFacts } from '../../../src/domain/order-facts.js';
import type {
  FactsResponse,
  FlowDetail,
  FlowDraft,
  FlowListResponse,
  RecentOrdersResponse,
  SimulateResponse,
} from '../../../src/server/api-contract.js';
import { BackfillPanel } from '../components/backfill-panel.js';
import { ExplainTree } from '../components/explain-tree.js';
import { SampleEditor } from '../components/sample-editor.js';
import {
  Badge,
  Card,
  Empty,
  ErrorBox,
  Field,
  LabelBadge,
  Loading,
  PageHeader,
  Tabs,
} from '../components/ui.js';
import { api, query } from '../lib/api.js';
import { formatDateTime, formatWon } from '../lib/format.js';
import type { MessageKey } from '../lib/i18n.js';
import { useI18n } from '../lib/i18n.js';
import { sampleFacts } from '../lib/sample-facts.js';
import { loadFacts } from '../lib/session.js';
import { useApi } from '../lib/use-api.js';

type Source = 'recent' | 'sample';

const flowFromHash = (): string | undefined =>
  new URLSearchParams(window.location.hash.split('?')[1] ?? '').get('flow') ?? undefined;

/** Try a flow on a recent or edited order and read why it matched; backfill / dry-run below. */
export default function SimulationPage() {
  const { t, lang } = useI18n();
  const flows = useApi<FlowListResponse>('/api/flows');
  const [flowId, setFlowId] = useState<string | undefined>(flowFromHash);
  const [flow, setFlow] = useState<FlowDraft>();
  const [catalogue, setCatalogue] = useState<FactsResponse>();
  const [source, setSource] = useState<Source>('recent');
  const [search, setSearch] = useState('');
  const orders = useApi<RecentOrdersResponse>(`/api/orders/recent${query({ q: search.trim(), limit: 12 })}`);
  const [orderId, setOrderId] = useState<string>();
  const [facts, setFacts] = useState<OrderFacts>(() => sampleFacts(Date.now()));
  const [result, setResult] = useState<SimulateResponse>();
  const [error, setError] = useState<Error>();
  const [running, setRunning] = useState(false);

  useEffect(() => {
    loadFacts()
      .then(setCatalogue)
      .catch(() => undefined);
  }, []);
  useEffect(() => {
    if (!flowId && flows.data?.flows[0]) setFlowId(flows.data.flows[0].id);
  }, [flows.data, flowId]);
  useEffect(() => {
    if (!flowId) return;
    setResult(undefined);
    api<FlowDetail>('GET', `/api/flows/${encodeURIComponent(flowId)}`)
      .then(({ flow: { id: _id, version: _version, ...draft } }) => setFlow(draft))
      .catch((failure: unknown) => setError(failure instanceof Error ? failure : new Error(String(failure))));
  }, [flowId]);

  const simulate = async (): Promise<void> => {
    if (!flow) return;
    setRunning(true);
    setError(undefined);
    try {
      const body = {
        flow,
        source: source === 'recent' && orderId ? { kind: 'order', orderId } : { kind: 'facts', facts },
      };
      setResult(await api<SimulateResponse>('POST', '/api/simulate', body));
    } catch (failure) {
      setError(failure instanceof Error ? failure : new Error(String(failure)));
    } finally {
      setRunning(false);
    }
  };

  const canRun = flow !== undefined && (source === 'sample' || orderId !== undefined) && !running;
  return (
    <>
      <PageHeader title={t('nav.simulation')} description={t('simulation.description')} />
      {flows.error && <ErrorBox error={flows.error} onRetry={flows.reload} />}
      <div className="grid-sim">
        <div className="sim-inputs">
          <Card title={t('simulation.step1')}>
            {flows.data && flows.data.flows.length === 0 ? (
              <Empty title={t('flows.empty')} />
            ) : (
              <Field label={t('simulation.flow')}>
                {(props) => (
                  <select {...props} value={flowId ?? ''} onChange={(event) => setFlowId(event.target.value)}>
                    {flows.data?.flows.map((one) => (
                      <option key={one.id} value={one.id}>
                        {one.name} (v{one.version}){one.enabled ? '' : ` — ${t('simulation.disabled')}`}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            )}
          </Card>
          <Card title={t('simulation.step2')}>
            <Tabs
              label={t('simulation.source')}
              value={source}
              onChange={setSource}
              tabs={[
                { key: 'recent', label: t('simulation.recent') },
                { key: 'sample', label: t('simulation.sample') },
              ]}
            />
            {source === 'recent' && (
              <div className="recent-orders">
                <input
                  type="search"
                  aria-label={t('simulation.searchOrder')}
                  placeholder={t('simulation.searchOrder')}
                  value={search}
                  onChange={(event) => setSearch(event.target.value)}
                />
                {orders.loading && !orders.data && <Loading />}
                {orders.data && orders.data.orders.length === 0 && <Empty title={t('simulation.noOrders')} />}
                <ul className="order-pick" role="radiogroup" aria-label={t('simulation.recent')}>
                  {orders.data?.orders.map((order) => (
                    <li key={order.orderId}>
                      <label className={`order-option ${orderId === order.orderId ? 'order-option-on' : ''}`}>
                        <input
                          type="radio"
                          name="sim-order"
                          checked={orderId === order.orderId}
                          onChange={() => setOrderId(order.orderId)}
                        />
                        <span className="order-body">
                          <span className="order-line">
                            <span className="order-id">{order.orderId}</span>
                            <span className="muted small">{formatDateTime(order.placedAt, lang)}</span>
                          </span>
                          <span className="order-line">
                            <strong className="num">{formatWon(order.productAmount, lang)}</strong>
                            <span className="small muted">
                              {order.buyerMasked ?? '—'} · {t(`zone.${order.zone}`)} ·{' '}
                              {t('simulation.items', { count: order.itemCount })}
                            </span>
                            <span className="badge-row">
                              {order.labels.map((label) => (
                                <LabelBadge key={label} name={label} />
                              ))}
                            </span>
                          </span>
                        </span>
                      </label>
                    </li>
                  ))}
                </ul>
              </div>
            )}
            {source === 'sample' && (
              <>
                {result && (
                  <button type="button" className="btn btn-small" onClick={() => setFacts(result.facts)}>
                    {t('simulation.useLoaded')}
                  </button>
                )}
                <SampleEditor facts={facts} onChange={setFacts} />
              </>
            )}
          </Card>
          <div className="button-row">
            <button
              type="button"
              className="btn btn-primary btn-large"
              disabled={!canRun}
              onClick={() => void simulate()}
            >
              ▶ {running ? t('common.loading') : t('simulation.run')}
            </button>
            <span className="muted small">{t('simulation.noWrite')}</span>
          </div>
        </div>
        <div className="sim-result" aria-live="polite">
          {error && <ErrorBox error={error} />}
          {!result && !error && (
            <Card>
              <Empty title={t('simulation.resultEmpty')} />
            </Card>
          )}
          {result && (
            <Card
              title={t('simulation.result')}
              actions={
                <Badge tone={result.matched ? 'green' : 'neutral'}>
                  {result.matched ? t('simulation.matched') : t('simulation.notMatched')}
                </Badge>
              }
            >
              <dl className="kv">
                <dt>{t('simulation.labelsAdded')}</dt>
                <dd className="badge-row">
                  {result.labelsAdded.length
                    ? result.labelsAdded.map((label) => <LabelBadge key={label} name={label} />)
                    : '—'}
                </dd>
                <dt>{t('simulation.labelsRemoved')}</dt>
                <dd className="badge-row">
                  {result.labelsRemoved.length
                    ? result.labelsRemoved.map((label) => <LabelBadge key={label} name={label} />)
                    : '—'}
                </dd>
                <dt>{t('simulation.actions')}</dt>
                <dd>
                  {result.actions.length
                    ? result.actions.map((action, index) => (
                        <Badge key={index} tone="blue">
                          {t(`action.${action.type}` as MessageKey)}
                        </Badge>
                      ))
                    : '—'}
                </dd>
              </dl>
              <h3 className="section-title">{t('simulation.explanation')}</h3>
              <ExplainTree trace={result.trace} facts={catalogue?.facts ?? []} />
            </Card>
          )}
        </div>
      </div>
      <BackfillPanel flowId={flowId} draft={flow} />
    </>
  );
}
