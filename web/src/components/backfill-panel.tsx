import { useEffect, useState } from 'react';
import type { BackfillStatus, FlowDraft } from '../../../src/server/api-contract.js';
import { api } from '../lib/api.js';
import { formatNumber, kstDate } from '../lib/format.js';
import { useI18n } from '../lib/i18n.js';
import { Badge, Card, ErrorBox, Field, LabelBadge, Progress } from './ui.js';

const ACTIVE = new Set(['queued', 'running']);

/**
 * Backfill and dry-run over past orders: start, watch progress, pause/resume, read the per-label
 * gain/loss report. A dry-run of an unsaved draft sends the draft itself.
 */
export function BackfillPanel({
  flowId,
  draft,
}: {
  flowId: string | undefined;
  draft: FlowDraft | undefined;
}) {
  const { t } = useI18n();
  const now = Date.now();
  const [from, setFrom] = useState(kstDate(now - 29 * 86400_000));
  const [to, setTo] = useState(kstDate(now));
  const [mode, setMode] = useState<'dryRun' | 'apply'>('dryRun');
  const [status, setStatus] = useState<BackfillStatus>();
  const [error, setError] = useState<Error>();

  useEffect(() => {
    if (!status || !ACTIVE.has(status.state)) return;
    const timer = window.setTimeout(() => {
      api<BackfillStatus>('GET', `/api/backfills/${encodeURIComponent(status.id)}`)
        .then(setStatus)
        .catch((failure: unknown) =>
          setError(failure instanceof Error ? failure : new Error(String(failure))),
        );
    }, 1500);
    return () => window.clearTimeout(timer);
  }, [status]);

  const call = async (run: () => Promise<BackfillStatus>): Promise<void> => {
    setError(undefined);
    try {
      setStatus(await run());
    } catch (failure) {
      setError(failure instanceof Error ? failure : new Error(String(failure)));
    }
  };

  const start = (): Promise<void> =>
    call(() =>
      api<BackfillStatus>('POST', '/api/backfills', {
        mode,
        from,
        to,
        flowIds: flowId ? [flowId] : [],
        ...(mode === 'dryRun' && draft && !flowId ? { draft } : {}),
      }),
    );

  return (
    <Card title={t('backfill.title')}>
      <p className="muted">{t('backfill.description')}</p>
      <div className="form-grid form-grid-4">
        <Field label={t('backfill.from')}>
          {(props) => (
            <input
              type="date"
              {...props}
              value={from}
              max={to}
              onChange={(event) => setFrom(event.target.value)}
            />
          )}
        </Field>
        <Field label={t('backfill.to')}>
          {(props) => (
            <input
              type="date"
              {...props}
              value={to}
              min={from}
              onChange={(event) => setTo(event.target.value)}
            />
          )}
        </Field>
        <fieldset className="field">
          <legend>{t('backfill.mode')}</legend>
          <div className="check-row">
            <label className="check">
              <input
                type="radio"
                name="backfill-mode"
                checked={mode === 'dryRun'}
                onChange={() => setMode('dryRun')}
              />
              {t('backfill.dryRun')}
            </label>
            <label className="check">
              <input
                type="radio"
                name="backfill-mode"
                checked={mode === 'apply'}
                disabled={!flowId && draft !== undefined}
                onChange={() => setMode('apply')}
              />
              {t('backfill.apply')}
            </label>
          </div>
        </fieldset>
        <div className="field field-end">
          <button
            type="button"
            className="btn btn-primary"
            disabled={status !== undefined && ACTIVE.has(status.state)}
            onClick={() => void start()}
          >
            {mode === 'dryRun' ? t('backfill.startDry') : t('backfill.startApply')}
          </button>
        </div>
      </div>
      {mode === 'apply' && <p className="notice notice-info">{t('backfill.applyWarning')}</p>}
      {error && <ErrorBox error={error} />}
      {status && (
        <div className="backfill-status">
          <div className="backfill-line">
            <Badge
              tone={
                status.state === 'completed'
                  ? 'green'
                  : status.state === 'failed'
                    ? 'red'
                    : status.state === 'paused'
                      ? 'amber'
                      : 'blue'
              }
            >
              {t(`backfill.state.${status.state}`)}
            </Badge>
            <span>
              {formatNumber(status.processed)} / {formatNumber(status.total)} {t('backfill.orders')}
            </span>
            <span className="spacer" />
            {ACTIVE.has(status.state) && (
              <button
                type="button"
                className="btn btn-small"
                onClick={() =>
                  void call(() =>
                    api<BackfillStatus>('POST', `/api/backfills/${encodeURIComponent(status.id)}/pause`),
                  )
                }
              >
                {t('backfill.pause')}
              </button>
            )}
            {status.state === 'paused' && (
              <button
                type="button"
                className="btn btn-small"
                onClick={() =>
                  void call(() =>
                    api<BackfillStatus>('POST', `/api/backfills/${encodeURIComponent(status.id)}/resume`),
                  )
                }
              >
                {t('backfill.resume')}
              </button>
            )}
          </div>
          <Progress value={status.processed} max={status.total} label={t('backfill.progress')} />
          {status.error && <p className="field-error">{status.error}</p>}
          {status.report.length > 0 && (
            <table className="table table-compact">
              <caption>{t(status.mode === 'dryRun' ? 'backfill.reportDry' : 'backfill.reportApply')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('backfill.label')}</th>
                  <th scope="col" className="num">
                    {t('backfill.gained')}
                  </th>
                  <th scope="col" className="num">
                    {t('backfill.lost')}
                  </th>
                  <th scope="col">{t('backfill.examples')}</th>
                </tr>
              </thead>
              <tbody>
                {status.report.map((row) => (
                  <tr key={row.label}>
                    <td>
                      <LabelBadge name={row.label} />
                    </td>
                    <td className={`num ${row.gained > 0 ? 'gain' : 'muted'}`}>
                      +{formatNumber(row.gained)}
                    </td>
                    <td className={`num ${row.lost > 0 ? 'loss' : 'muted'}`}>−{formatNumber(row.lost)}</td>
                    <td className="small muted">
                      {[
                        ...row.sampleGained.slice(0, 3).map((id) => `+${id}`),
                        ...row.sampleLost.slice(0, 2).map((id) => `−${id}`),
                      ].join('  ')}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}
    </Card>
  );
}
