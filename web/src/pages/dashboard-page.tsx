import { useState } from 'react';
import type { DashboardResponse, FailedJobsResponse, OkResponse } from '../../../src/server/api-contract.js';
import { BarList, LineChart, Meter } from '../components/charts.js';
import {
  Badge,
  Card,
  Empty,
  ErrorBox,
  LabelBadge,
  Loading,
  Notice,
  PageHeader,
  StatCard,
} from '../components/ui.js';
import { api } from '../lib/api.js';
import { formatAgo, formatDateTime, formatDuration, formatNumber, formatShortDate } from '../lib/format.js';
import { useI18n } from '../lib/i18n.js';
import { href } from '../lib/router.js';
import { useApi } from '../lib/use-api.js';

const PERIODS = [1, 7, 30] as const;

export default function DashboardPage() {
  const { t, lang } = useI18n();
  const [days, setDays] = useState<number>(7);
  const dashboard = useApi<DashboardResponse>(`/api/dashboard?days=${days}`);
  const jobs = useApi<FailedJobsResponse>('/api/jobs/failed');
  const [retried, setRetried] = useState<string>();

  const retry = async (jobId: string): Promise<void> => {
    await api<OkResponse>('POST', `/api/jobs/${encodeURIComponent(jobId)}/retry`);
    setRetried(jobId);
    jobs.reload();
  };

  const periodPicker = (
    <div className="segmented" role="group" aria-label={t('dashboard.period')}>
      {PERIODS.map((option) => (
        <button key={option} type="button" aria-pressed={days === option} onClick={() => setDays(option)}>
          {option === 1 ? t('dashboard.today') : t('dashboard.lastDays', { days: option })}
        </button>
      ))}
    </div>
  );

  const data = dashboard.data;
  return (
    <>
      <PageHeader
        title={t('nav.dashboard')}
        description={t('dashboard.description')}
        actions={periodPicker}
      />
      {dashboard.error && <ErrorBox error={dashboard.error} onRetry={dashboard.reload} />}
      {!data && dashboard.loading && <Loading />}
      {data && (
        <>
          <div className="stat-grid">
            <StatCard
              label={t('dashboard.processedToday')}
              value={formatNumber(data.today.ordersProcessed)}
              sub={t('dashboard.labelledToday', {
                count: formatNumber(data.today.ordersLabelled),
                labels: formatNumber(data.today.labelsApplied),
              })}
              tone="blue"
            />
            <StatCard
              label={t('dashboard.latency')}
              value={formatDuration(data.latency.p50Ms)}
              sub={`p95 ${formatDuration(data.latency.p95Ms)}`}
            />
            <StatCard
              label={t('dashboard.failures')}
              value={formatNumber(data.failures.failedRuns)}
              sub={t('dashboard.deadLetters', { count: data.failures.deadLetterJobs })}
              tone={data.failures.failedRuns + data.failures.deadLetterJobs > 0 ? 'red' : 'green'}
            />
            <StatCard
              label={t('dashboard.webhooks')}
              value={
                <Badge
                  tone={
                    data.webhooks.status === 'healthy'
                      ? 'green'
                      : data.webhooks.status === 'stale'
                        ? 'amber'
                        : 'neutral'
                  }
                >
                  {t(`webhook.${data.webhooks.status}`)}
                </Badge>
              }
              sub={
                data.webhooks.lastEventAt
                  ? t('dashboard.lastEvent', { ago: formatAgo(data.webhooks.lastEventAt, Date.now(), lang) })
                  : t('dashboard.noEvents')
              }
            />
          </div>

          <div className="grid-2-1">
            <Card title={t('dashboard.trend')}>
              {data.series.points.length === 0 ? (
                <Empty title={t('dashboard.noData')} />
              ) : (
                <LineChart
                  summary={t('dashboard.trendSummary', {
                    processed: formatNumber(
                      data.series.points.reduce((sum, point) => sum + point.processed, 0),
                    ),
                    labelled: formatNumber(
                      data.series.points.reduce((sum, point) => sum + point.labelled, 0),
                    ),
                  })}
                  labels={data.series.points.map((point) =>
                    data.series.granularity === 'hour'
                      ? `${new Date(point.at).toLocaleTimeString('en-GB', { timeZone: 'Asia/Seoul', hour: '2-digit' })}`
                      : formatShortDate(point.at, lang),
                  )}
                  series={[
                    {
                      name: t('dashboard.seriesProcessed'),
                      color: '#3553d1',
                      values: data.series.points.map((point) => point.processed),
                    },
                    {
                      name: t('dashboard.seriesLabelled'),
                      color: '#12a27f',
                      values: data.series.points.map((point) => point.labelled),
                    },
                    {
                      name: t('dashboard.seriesFailed'),
                      color: '#e0504a',
                      values: data.series.points.map((point) => point.failed),
                    },
                  ]}
                  format={(value) => formatNumber(value)}
                />
              )}
            </Card>
            <Card title={t('dashboard.labels')} actions={<a href={href('runs')}>{t('dashboard.seeRuns')}</a>}>
              {data.labels.length === 0 ? (
                <Empty title={t('dashboard.noLabels')} />
              ) : (
                <BarList
                  rows={data.labels.slice(0, 10).map((row) => ({
                    key: row.label,
                    label: <LabelBadge name={row.label} />,
                    value: row.count,
                  }))}
                  format={formatNumber}
                />
              )}
            </Card>
          </div>

          <div className="grid-3">
            <Card title={t('dashboard.apiBudget')}>
              <div className="kv-big">
                <strong>
                  {data.apiBudget.bucketUsed}/{data.apiBudget.bucketSize}
                </strong>
                <span className="muted">{t('dashboard.bucketNow')}</span>
              </div>
              <Meter
                used={data.apiBudget.bucketUsed}
                limit={data.apiBudget.bucketSize}
                label={t('dashboard.apiBudget')}
              />
              <dl className="kv">
                <dt>{t('dashboard.callsToday')}</dt>
                <dd>{formatNumber(data.apiBudget.callsToday)}</dd>
                <dt>{t('dashboard.throttled')}</dt>
                <dd>{formatNumber(data.apiBudget.throttledToday)}</dd>
              </dl>
            </Card>
            <Card title={t('dashboard.webhookHealth')}>
              <dl className="kv">
                <dt>{t('dashboard.lastEventAt')}</dt>
                <dd className="nowrap">
                  {data.webhooks.lastEventAt ? formatDateTime(data.webhooks.lastEventAt, lang) : '—'}
                </dd>
                <dt>{t('dashboard.eventsToday')}</dt>
                <dd>{formatNumber(data.webhooks.eventsToday)}</dd>
                <dt>{t('dashboard.reconciled')}</dt>
                <dd>
                  {formatNumber(data.webhooks.caughtByReconciliation)}
                  {data.webhooks.caughtByReconciliation > 0 && (
                    <span className="muted"> · {t('dashboard.reconciledHint')}</span>
                  )}
                </dd>
              </dl>
            </Card>
            <Card title={t('dashboard.failedJobs')}>
              {retried && <Notice tone="success">{t('dashboard.retried', { id: retried })}</Notice>}
              {jobs.error && <ErrorBox error={jobs.error} onRetry={jobs.reload} />}
              {jobs.data && jobs.data.jobs.length === 0 && <Empty title={t('dashboard.noFailedJobs')} />}
              {jobs.data && jobs.data.jobs.length > 0 && (
                <ul className="job-list">
                  {jobs.data.jobs.slice(0, 6).map((job) => (
                    <li key={job.id}>
                      <div>
                        <div className="job-title">
                          {job.orderId ?? job.kind}{' '}
                          {job.deadLetter && <Badge tone="red">{t('dashboard.deadLetter')}</Badge>}
                        </div>
                        <div className="muted small">
                          {job.errorCode} · {t('dashboard.attempts', { count: job.attempts })} ·{' '}
                          {formatAgo(job.failedAt, Date.now(), lang)}
                        </div>
                      </div>
                      <button type="button" className="btn btn-small" onClick={() => void retry(job.id)}>
                        {t('dashboard.retry')}
                      </button>
                    </li>
                  ))}
                </ul>
              )}
            </Card>
          </div>
        </>
      )}
    </>
  );
}
