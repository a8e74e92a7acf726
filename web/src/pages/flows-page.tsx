import { useEffect, useState } from 'react';
import type { FlowDetail, FlowListResponse, FlowSummary } from '../../../src/server/api-contract.js';
import { Badge, Empty, ErrorBox, LabelBadge, Loading, Notice, PageHeader, Toggle } from '../components/ui.js';
import { api } from '../lib/api.js';
import { moveItem } from '../lib/flow-edit.js';
import { formatAgo, formatNumber } from '../lib/format.js';
import { useI18n } from '../lib/i18n.js';
import { href } from '../lib/router.js';
import { useApi } from '../lib/use-api.js';

export default function FlowsPage() {
  const { t, lang } = useI18n();
  const list = useApi<FlowListResponse>('/api/flows');
  const [flows, setFlows] = useState<FlowSummary[]>([]);
  const [dragging, setDragging] = useState<number | null>(null);
  const [notice, setNotice] = useState<{ tone: 'success' | 'error'; text: string }>();

  useEffect(() => {
    if (list.data) setFlows(list.data.flows);
  }, [list.data]);

  const saveOrder = async (next: FlowSummary[], announce: string): Promise<void> => {
    const previous = flows;
    setFlows(next);
    try {
      const result = await api<FlowListResponse>('POST', '/api/flows/reorder', {
        flowIds: next.map((flow) => flow.id),
      });
      setFlows(result.flows);
      setNotice({ tone: 'success', text: announce });
    } catch (failure) {
      setFlows(previous);
      setNotice({ tone: 'error', text: failure instanceof Error ? failure.message : String(failure) });
    }
  };

  const move = (index: number, delta: number): void => {
    const target = index + delta;
    const flow = flows[index];
    if (!flow || target < 0 || target >= flows.length) return;
    void saveOrder(
      moveItem(flows, index, target),
      t('flows.moved', { name: flow.name, position: target + 1 }),
    );
  };

  const setEnabled = async (flow: FlowSummary, enabled: boolean): Promise<void> => {
    setFlows((current) => current.map((one) => (one.id === flow.id ? { ...one, enabled } : one)));
    try {
      await api<FlowDetail>('POST', `/api/flows/${encodeURIComponent(flow.id)}/enabled`, { enabled });
      setNotice({
        tone: 'success',
        text: t(enabled ? 'flows.enabledNotice' : 'flows.disabledNotice', { name: flow.name }),
      });
    } catch (failure) {
      setFlows((current) => current.map((one) => (one.id === flow.id ? { ...one, enabled: !enabled } : one)));
      setNotice({ tone: 'error', text: failure instanceof Error ? failure.message : String(failure) });
    }
  };

  return (
    <>
      <PageHeader
        title={t('nav.flows')}
        description={t('flows.description')}
        actions={
          <>
            <a className="btn" href={href('templates')}>
              {t('flows.fromTemplate')}
            </a>
            <a className="btn btn-primary" href={href('flows', 'new')}>
              + {t('flows.new')}
            </a>
          </>
        }
      />
      {notice && <Notice tone={notice.tone}>{notice.text}</Notice>}
      {list.error && <ErrorBox error={list.error} onRetry={list.reload} />}
      {list.loading && !list.data && <Loading />}
      {list.data && flows.length === 0 && (
        <div className="card">
          <Empty title={t('flows.empty')}>
            <p className="muted">{t('flows.emptyHint')}</p>
            <a className="btn btn-primary" href={href('templates')}>
              {t('flows.fromTemplate')}
            </a>
          </Empty>
        </div>
      )}
      {flows.length > 0 && (
        <div className="card card-flush">
          <table className="table">
            <caption className="sr-only">{t('flows.tableCaption')}</caption>
            <thead>
              <tr>
                <th scope="col" className="col-narrow">
                  {t('flows.priority')}
                </th>
                <th scope="col">{t('flows.name')}</th>
                <th scope="col">{t('flows.labels')}</th>
                <th scope="col" className="num">
                  {t('flows.matched7d')}
                </th>
                <th scope="col">{t('flows.lastRun')}</th>
                <th scope="col">{t('flows.enabled')}</th>
              </tr>
            </thead>
            <tbody>
              {flows.map((flow, index) => (
                <tr
                  key={flow.id}
                  draggable
                  className={dragging === index ? 'row-dragging' : ''}
                  onDragStart={(event) => {
                    setDragging(index);
                    event.dataTransfer.effectAllowed = 'move';
                  }}
                  onDragOver={(event) => event.preventDefault()}
                  onDrop={(event) => {
                    event.preventDefault();
                    if (dragging !== null && dragging !== index) {
                      void saveOrder(
                        moveItem(flows, dragging, index),
                        t('flows.moved', { name: flows[dragging]?.name ?? '', position: index + 1 }),
                      );
                    }
                    setDragging(null);
                  }}
                  onDragEnd={() => setDragging(null)}
                >
                  <td>
                    <div className="reorder">
                      <span className="drag-handle" aria-hidden="true" title={t('flows.dragHint')}>
                        ⋮⋮
                      </span>
                      <span className="priority-no">{index + 1}</span>
                      <span className="reorder-buttons">
                        <button
                          type="button"
                          className="icon-btn"
                          aria-label={t('flows.moveUp', { name: flow.name })}
                          disabled={index === 0}
                          onClick={() => move(index, -1)}
                        >
                          ↑
                        </button>
                        <button
                          type="button"
                          className="icon-btn"
                          aria-label={t('flows.moveDown', { name: flow.name })}
                          disabled={index === flows.length - 1}
                          onClick={() => move(index, 1)}
                        >
                          ↓
                        </button>
                      </span>
                    </div>
                  </td>
                  <td>
                    <a className="row-title" href={href('flows', flow.id)}>
                      {flow.name}
                    </a>
                    <div className="muted small">
                      v{flow.version} · {t('flows.rules', { count: flow.ruleCount })}
                      {flow.templateId && (
                        <>
                          {' · '}
                          <Badge tone="violet">{flow.templateId}</Badge>
                        </>
                      )}
                    </div>
                  </td>
                  <td>
                    <div className="badge-row">
                      {flow.labels.map((label) => (
                        <LabelBadge key={label} name={label} />
                      ))}
                    </div>
                  </td>
                  <td className="num">{formatNumber(flow.matchedLast7Days)}</td>
                  <td>
                    {flow.lastRun ? (
                      <a href={href('runs', flow.lastRun.runId)} className="small">
                        {formatAgo(flow.lastRun.at, Date.now(), lang)} · {flow.lastRun.orderId}{' '}
                        <Badge tone={flow.lastRun.matched ? 'green' : 'neutral'}>
                          {t(flow.lastRun.matched ? 'flows.matched' : 'flows.notMatched')}
                        </Badge>
                      </a>
                    ) : (
                      <span className="muted small">{t('flows.neverRun')}</span>
                    )}
                  </td>
                  <td>
                    <Toggle
                      checked={flow.enabled}
                      onChange={(enabled) => void setEnabled(flow, enabled)}
                      label={t('flows.toggle', { name: flow.name })}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="table-foot muted small">{t('flows.orderHint')}</p>
        </div>
      )}
    </>
  );
}
