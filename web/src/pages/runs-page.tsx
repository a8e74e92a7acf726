import { useState } from 'react';
import type {
  FlowListResponse,
  RunOutcome,
  RunSummary,
  RunsResponse,
} from '../../../src/server/api-contract.js';
import { Badge, Empty, ErrorBox, LabelBadge, Loading, PageHeader } from '../components/ui.js';
import type { Tone } from '../components/ui.js';
import { api, query } from '../lib/api.js';
import { formatDateTime, formatDuration } from '../lib/format.js';
import { useI18n } from '../lib/i18n.js';
import { href } from '../lib/router.js';
import { useApi } from '../lib/use-api.js';

export const OUTCOME_TONE: Record<RunOutcome, Tone> = {
  labelled: 'green',
  noMatch: 'neutral',
  partial: 'amber',
  failed: 'red',
};

interface Filters {
  orderId: string;
  label: string;
  flowId: string;
  outcome: string;
  from: string;
  to: string;
}

const EMPTY: Filters = { orderId: '', label: '', flowId: '', outcome: '', from: '', to: '' };

/** Run history: search by order, label, flow, outcome and date; newest first, paged by cursor. */
export default function RunsPage() {
  const { t, lang } = useI18n();
  const flows = useApi<FlowListResponse>('/api/flows');
  const [form, setForm] = useState<Filters>(EMPTY);
  const [applied, setApplied] = useState<Filters>(EMPTY);
  const runs = useApi<RunsResponse>(`/api/runs${query({ ...applied, limit: 50 })}`);
  const [more, setMore] = useState<RunSummary[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);

  const rows = [...(runs.data?.runs ?? []), ...more];
  const next = more.length > 0 ? cursor : (runs.data?.nextCursor ?? null);
  const loadMore = async (): Promise<void> => {
    if (!next) return;
    const page = await api<RunsResponse>('GET', `/api/runs${query({ ...applied, limit: 50, cursor: next })}`);
    setMore((current) => [...current, ...page.runs]);
    setCursor(page.nextCursor);
  };
  const set = (key: keyof Filters) => (event: { target: { value: string } }) =>
    setForm((current) => ({ ...current, [key]: event.target.value }));

  return (
    <>
      <PageHeader title={t('nav.runs')} description={t('runs.description')} />
      <form
        className="filter-bar card"
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          setMore([]);
          setCursor(null);
          setApplied(form);
        }}
      >
        <label>
          <span>{t('runs.orderId')}</span>
          <input
            type="search"
            value={form.orderId}
            onChange={set('orderId')}
            placeholder="20260101-0000001"
          />
        </label>
        <label>
          <span>{t('runs.label')}</span>
          <input type="search" value={form.label} onChange={set('label')} />
        </label>
        <label>
          <span>{t('runs.flow')}</span>
          <select value={form.flowId} onChange={set('flowId')}>
            <option value="">{t('runs.any')}</option>
            {flows.data?.flows.map((flow) => (
              <option key={flow.id} value={flow.id}>
                {flow.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t('runs.outcome')}</span>
          <select value={form.outcome} onChange={set('outcome')}>
            <option value="">{t('runs.any')}</option>
            {(['labelled', 'noMatch', 'partial', 'failed'] as const).map((outcome) => (
              <option key={outcome} value={outcome}>
                {t(`outcome.${outcome}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t('runs.from')}</span>
          <input type="date" value={form.from} onChange={set('from')} />
        </label>
        <label>
          <span>{t('runs.to')}</span>
          <input type="date" value={form.to} onChange={set('to')} />
        </label>
        <div className="filter-buttons">
          <button type="submit" className="btn btn-primary">
            {t('runs.search')}
          </button>
          <button
            type="button"
            className="btn btn-ghost"
            onClick={() => {
              setForm(EMPTY);
              setApplied(EMPTY);
              setMore([]);
            }}
          >
            {t('runs.reset')}
          </button>
        </div>
      </form>
      {runs.error && <ErrorBox error={runs.error} onRetry={runs.reload} />}
      {runs.loading && !runs.data && <Loading />}
      {runs.data && rows.length === 0 && (
        <div className="card">
          <Empty title={t('runs.empty')} />
        </div>
      )}
      {rows.length > 0 && (
        <div className="card card-flush">
          <table className="table">
            <caption className="sr-only">{t('runs.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('runs.at')}</th>
                <th scope="col">{t('runs.orderId')}</th>
                <th scope="col">{t('runs.trigger')}</th>
                <th scope="col">{t('runs.outcome')}</th>
                <th scope="col">{t('runs.labels')}</th>
                <th scope="col">{t('runs.flows')}</th>
                <th scope="col" className="num">
                  {t('runs.duration')}
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((run) => (
                <tr key={run.id}>
                  <td className="nowrap">{formatDateTime(run.at, lang)}</td>
                  <td className="nowrap">
                    <a className="row-title mono" href={href('runs', run.id)}>
                      {run.orderId}
                    </a>
                  </td>
                  <td className="small nowrap">{t(`trigger.${run.trigger}` as 'trigger.manual')}</td>
                  <td>
                    <Badge tone={OUTCOME_TONE[run.outcome]}>{t(`outcome.${run.outcome}`)}</Badge>
                  </td>
                  <td>
                    <div className="badge-row">
                      {run.labels.map((label) => (
                        <LabelBadge key={label} name={label} />
                      ))}
                    </div>
                  </td>
                  <td className="small">
                    {run.flows.map((flow) => `${flow.name} v${flow.version}`).join(', ')}
                  </td>
                  <td className="num">{formatDuration(run.durationMs)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {next && (
            <div className="table-foot">
              <button type="button" className="btn" onClick={() => void loadMore()}>
                {t('runs.more')}
              </button>
            </div>
          )}
        </div>
      )}
    </>
  );
}
