import { useEffect, useState } from 'react';
import type {
  AuditResponse,
  ChannelInput,
  ClosedDay,
  GiftEntry,
  GiftsResponse,
  LabelNameSetting,
  ProductRow,
  ProductsResponse,
  RegionOverride,
  SettingsResponse,
  TestSendResponse,
} from '../../../src/server/api-contract.js';
import {
  Badge,
  Card,
  Empty,
  ErrorBox,
  Field,
  LabelBadge,
  Loading,
  Notice,
  PageHeader,
  Toggle,
} from '../components/ui.js';
import { api, query } from '../lib/api.js';
import { formatDateTime } from '../lib/format.js';
import type { MessageKey } from '../lib/i18n.js';
import { useI18n } from '../lib/i18n.js';
import { messages } from '../lib/messages.js';
import { href } from '../lib/router.js';
import { useApi } from '../lib/use-api.js';

const TABS = [
  'connection',
  'channels',
  'regions',
  'closedDays',
  'products',
  'labels',
  'retention',
  'gifts',
  'audit',
] as const;
type TabKey = (typeof TABS)[number];

type Save = (path: string, body: unknown) => Promise<void>;

function useSaver(onSaved: (settings: SettingsResponse) => void): { save: Save; notice: React.ReactNode } {
  const { t } = useI18n();
  const [state, setState] = useState<{ tone: 'success' | 'error'; text: string }>();
  const save: Save = async (path, body) => {
    try {
      onSaved(await api<SettingsResponse>('PUT', path, body));
      setState({ tone: 'success', text: t('settings.saved') });
    } catch (failure) {
      setState({ tone: 'error', text: failure instanceof Error ? failure.message : String(failure) });
    }
  };
  return { save, notice: state && <Notice tone={state.tone}>{state.text}</Notice> };
}

function ConnectionTab({ settings }: { settings: SettingsResponse }) {
  const { t, lang } = useI18n();
  const { connection } = settings;
  // Known Cafe24 scopes read as what they allow; an unknown one is shown as Cafe24 names it.
  const scopeName = (scope: string): string => {
    const key = `scope.${scope}`;
    return key in messages ? t(key as MessageKey) : scope;
  };
  const tone =
    connection.status === 'connected' || connection.status === 'sandbox'
      ? 'green'
      : connection.status === 'expiring'
        ? 'amber'
        : 'red';
  return (
    <Card
      title={t('settings.connection')}
      actions={<Badge tone={tone}>{t(`connection.${connection.status}`)}</Badge>}
    >
      <dl className="kv">
        <dt>{t('settings.mallId')}</dt>
        <dd className="mono">{connection.mallId}</dd>
        <dt>{t('settings.scopes')}</dt>
        <dd className="badge-row">
          {connection.scopes.map((scope) => (
            <Badge key={scope}>
              <span title={scope}>{scopeName(scope)}</span>
            </Badge>
          ))}
        </dd>
        <dt>{t('settings.refreshExpires')}</dt>
        <dd>
          {connection.refreshTokenExpiresAt ? formatDateTime(connection.refreshTokenExpiresAt, lang) : '—'}
        </dd>
        <dt>{t('settings.lastApiCall')}</dt>
        <dd>{connection.lastApiCallAt ? formatDateTime(connection.lastApiCallAt, lang) : '—'}</dd>
      </dl>
      <p className="muted small">{t('settings.connectionHint')}</p>
      <a className="btn btn-primary" href={connection.reconnectUrl}>
        {t('settings.reconnect')}
      </a>
    </Card>
  );
}

function ChannelsTab({
  settings,
  onSaved,
}: {
  settings: SettingsResponse;
  onSaved: (settings: SettingsResponse) => void;
}) {
  const { t } = useI18n();
  const { save, notice } = useSaver(onSaved);
  const [rows, setRows] = useState<(ChannelInput & { preview?: string })[]>(() =>
    settings.channels.map((channel) => ({
      id: channel.id,
      kind: channel.kind,
      name: channel.name,
      enabled: channel.enabled,
      preview: channel.targetPreview,
    })),
  );
  const [test, setTest] = useState<Record<string, TestSendResponse>>({});
  const set = (index: number, patch: Partial<ChannelInput>): void =>
    setRows((current) => current.map((row, at) => (at === index ? { ...row, ...patch } : row)));
  return (
    <Card title={t('settings.channels')}>
      {notice}
      <p className="muted small">{t('settings.channelsHint')}</p>
      <table className="table table-compact">
        <thead>
          <tr>
            <th scope="col">{t('settings.channelName')}</th>
            <th scope="col">{t('settings.channelKind')}</th>
            <th scope="col">{t('settings.channelTarget')}</th>
            <th scope="col">{t('settings.channelEnabled')}</th>
            <th scope="col">
              <span className="sr-only">{t('settings.testSend')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => (
            <tr key={row.id ?? `new-${index}`}>
              <td>
                <input
                  type="text"
                  aria-label={t('settings.channelName')}
                  value={row.name}
                  onChange={(event) => set(index, { name: event.target.value })}
                />
              </td>
              <td>
                <select
                  aria-label={t('settings.channelKind')}
                  value={row.kind}
                  onChange={(event) => set(index, { kind: event.target.value as ChannelInput['kind'] })}
                >
                  <option value="slack">Slack</option>
                  <option value="webhook">Webhook</option>
                  <option value="email">{t('settings.email')}</option>
                </select>
              </td>
              <td>
                <input
                  type="text"
                  aria-label={t('settings.channelTarget')}
                  placeholder={row.preview ?? (row.kind === 'email' ? 'ops@example.com' : 'https://')}
                  value={row.target ?? ''}
                  onChange={(event) =>
                    set(index, event.target.value ? { target: event.target.value } : { target: undefined })
                  }
                />
              </td>
              <td>
                <Toggle
                  checked={row.enabled}
                  label={t('settings.channelEnabled')}
                  onChange={(enabled) => set(index, { enabled })}
                />
              </td>
              <td className="nowrap">
                {row.id && (
                  <button
                    type="button"
                    className="btn btn-small"
                    onClick={() => {
                      const id = row.id!;
                      api<TestSendResponse>('POST', `/api/settings/channels/${encodeURIComponent(id)}/test`)
                        .then((result) => setTest((current) => ({ ...current, [id]: result })))
                        .catch((failure: unknown) =>
                          setTest((current) => ({
                            ...current,
                            [id]: { ok: false, message: String(failure) },
                          })),
                        );
                    }}
                  >
                    {t('settings.testSend')}
                  </button>
                )}
                {row.id && test[row.id] && (
                  <Badge tone={test[row.id]!.ok ? 'green' : 'red'}>{test[row.id]!.message}</Badge>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length === 0 && (
        <Empty title={t('settings.noChannels')}>
          <p className="muted small">{t('settings.noChannelsHint')}</p>
        </Empty>
      )}
      <div className="button-row">
        <button
          type="button"
          className="btn btn-ghost"
          onClick={() => setRows((current) => [...current, { kind: 'slack', name: '', enabled: true }])}
        >
          + {t('settings.addChannel')}
        </button>
        <button
          type="button"
          className="btn btn-primary"
          onClick={() =>
            void save('/api/settings/channels', {
              channels: rows.map(({ preview: _preview, ...row }) => row),
            })
          }
        >
          {t('common.save')}
        </button>
      </div>
    </Card>
  );
}

function RegionsTab({
  settings,
  onSaved,
}: {
  settings: SettingsResponse;
  onSaved: (settings: SettingsResponse) => void;
}) {
  const { t } = useI18n();
  const { save, notice } = useSaver(onSaved);
  const [rows, setRows] = useState<RegionOverride[]>(settings.regionOverrides);
  const set = (index: number, patch: Partial<RegionOverride>): void =>
    setRows((current) => current.map((row, at) => (at === index ? { ...row, ...patch } : row)));
  return (
    <Card title={t('settings.regions')}>
      {notice}
      <p className="muted small">{t('settings.regionsHint')}</p>
      <table className="table table-compact">
        <thead>
          <tr>
            <th scope="col">{t('settings.zipFrom')}</th>
            <th scope="col">{t('settings.zipTo')}</th>
            <th scope="col">{t('settings.zone')}</th>
            <th scope="col">{t('settings.areaName')}</th>
            <th scope="col">
              <span className="sr-only">{t('builder.remove')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => (
            <tr key={index}>
              <td>
                <input
                  type="text"
                  inputMode="numeric"
                  maxLength={5}
                  aria-label={t('settings.zipFrom')}
                  value={row.fromZip}
                  onChange={(event) => set(index, { fromZip: event.target.value })}
                />
              </td>
              <td>
                <input
                  type="text"
                  inputMode="numeric"
                  maxLength={5}
                  aria-label={t('settings.zipTo')}
                  value={row.toZip}
                  onChange={(event) => set(index, { toZip: event.target.value })}
                />
              </td>
              <td>
                <select
                  aria-label={t('settings.zone')}
                  value={row.zone}
                  onChange={(event) => set(index, { zone: event.target.value as RegionOverride['zone'] })}
                >
                  {(['JEJU', 'REMOTE', 'MAINLAND'] as const).map((zone) => (
                    <option key={zone} value={zone}>
                      {t(`zone.${zone}`)}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                <input
                  type="text"
                  aria-label={t('settings.areaName')}
                  value={row.areaName ?? ''}
                  onChange={(event) => set(index, { areaName: event.target.value || null })}
                />
              </td>
              <td>
                <button
                  type="button"
                  className="icon-btn remove"
                  aria-label={t('builder.remove')}
                  onClick={() => setRows((current) => current.filter((_row, at) => at !== index))}
                >
                  ×
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="button-row">
        <button
          type="button"
          className="btn btn-ghost"
          onClick={() =>
            setRows((current) => [...current, { fromZip: '', toZip: '', zone: 'REMOTE', areaName: null }])
          }
        >
          + {t('settings.addRange')}
        </button>
        <button
          type="button"
          className="btn btn-primary"
          onClick={() => void save('/api/settings/region-overrides', { overrides: rows })}
        >
          {t('common.save')}
        </button>
      </div>
    </Card>
  );
}

function ClosedDaysTab({
  settings,
  onSaved,
}: {
  settings: SettingsResponse;
  onSaved: (settings: SettingsResponse) => void;
}) {
  const { t } = useI18n();
  const { save, notice } = useSaver(onSaved);
  const [rows, setRows] = useState<ClosedDay[]>(settings.closedDays);
  const [date, setDate] = useState('');
  const [name, setName] = useState('');
  return (
    <Card title={t('settings.closedDays')}>
      {notice}
      <p className="muted small">{t('settings.closedDaysHint')}</p>
      <ul className="closed-days">
        {rows.map((day) => (
          <li key={day.date}>
            <span className="mono">{day.date}</span> <span>{day.name}</span>
            <button
              type="button"
              className="icon-btn remove"
              aria-label={`${t('builder.remove')} ${day.date}`}
              onClick={() => setRows((current) => current.filter((one) => one.date !== day.date))}
            >
              ×
            </button>
          </li>
        ))}
        {rows.length === 0 && <li className="muted">{t('settings.noClosedDays')}</li>}
      </ul>
      <div className="inline-form">
        <Field label={t('settings.closedDate')}>
          {(props) => (
            <input type="date" {...props} value={date} onChange={(event) => setDate(event.target.value)} />
          )}
        </Field>
        <Field label={t('settings.closedName')}>
          {(props) => (
            <input
              type="text"
              {...props}
              value={name}
              placeholder={t('settings.closedNamePlaceholder')}
              onChange={(event) => setName(event.target.value)}
            />
          )}
        </Field>
        <button
          type="button"
          className="btn"
          disabled={!date || !name.trim()}
          onClick={() => {
            setRows((current) =>
              [...current.filter((one) => one.date !== date), { date, name: name.trim() }].sort((a, b) =>
                a.date.localeCompare(b.date),
              ),
            );
            setDate('');
            setName('');
          }}
        >
          + {t('settings.addClosedDay')}
        </button>
      </div>
      <button
        type="button"
        className="btn btn-primary"
        onClick={() => void save('/api/settings/closed-days', { closedDays: rows })}
      >
        {t('common.save')}
      </button>
    </Card>
  );
}

const PRESET_TAGS = ['NEW', 'BEST', 'SAME_DAY'];

function ProductTagsTab() {
  const { t } = useI18n();
  const [search, setSearch] = useState('');
  const [applied, setApplied] = useState('');
  const products = useApi<ProductsResponse>(`/api/products${query({ q: applied, limit: 50 })}`);
  const [rows, setRows] = useState<ProductRow[]>([]);
  const [error, setError] = useState<string>();
  useEffect(() => {
    if (products.data) setRows(products.data.products);
  }, [products.data]);

  const setTags = async (product: ProductRow, tags: string[]): Promise<void> => {
    try {
      const saved = await api<ProductRow>('PUT', `/api/products/${product.productNo}/tags`, { tags });
      setRows((current) => current.map((one) => (one.productNo === saved.productNo ? saved : one)));
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    }
  };

  return (
    <Card title={t('settings.products')}>
      <p className="muted small">{t('settings.productsHint')}</p>
      <form
        className="inline-form"
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          setApplied(search.trim());
        }}
      >
        <input
          type="search"
          aria-label={t('settings.searchProducts')}
          placeholder={t('settings.searchProducts')}
          value={search}
          onChange={(event) => setSearch(event.target.value)}
        />
        <button type="submit" className="btn">
          {t('runs.search')}
        </button>
      </form>
      {error && <Notice tone="error">{error}</Notice>}
      {products.loading && !products.data && <Loading />}
      <table className="table table-compact">
        <thead>
          <tr>
            <th scope="col">{t('settings.product')}</th>
            <th scope="col" className="num">
              {t('sample.itemStock')}
            </th>
            <th scope="col">{t('settings.tags')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((product) => (
            <tr key={product.productNo}>
              <td>
                {product.name}
                <div className="muted small mono">
                  #{product.productNo} · {product.productCode}
                </div>
              </td>
              <td className="num">{product.stock ?? '—'}</td>
              <td>
                <div className="chips" role="group" aria-label={t('settings.tagsOf', { name: product.name })}>
                  {[...new Set([...PRESET_TAGS, ...product.tags])].map((tag) => {
                    const on = product.tags.includes(tag);
                    return (
                      <button
                        key={tag}
                        type="button"
                        className={`chip ${on ? 'chip-on' : ''}`}
                        aria-pressed={on}
                        onClick={() =>
                          void setTags(
                            product,
                            on ? product.tags.filter((one) => one !== tag) : [...product.tags, tag],
                          )
                        }
                      >
                        {tag}
                      </button>
                    );
                  })}
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
}

function LabelNamesTab({
  settings,
  onSaved,
}: {
  settings: SettingsResponse;
  onSaved: (settings: SettingsResponse) => void;
}) {
  const { t, pick } = useI18n();
  const { save, notice } = useSaver(onSaved);
  const [rows, setRows] = useState<LabelNameSetting[]>(settings.labelNames);
  return (
    <Card title={t('settings.labels')}>
      {notice}
      <p className="muted small">{t('settings.labelsHint')}</p>
      <div className="form-grid form-grid-3">
        {rows.map((row, index) => (
          <Field
            key={row.templateId}
            label={pick(row.templateName)}
            {...(row.name !== row.defaultLabel
              ? { hint: t('settings.labelDefault', { label: row.defaultLabel }) }
              : {})}
          >
            {(props) => (
              <input
                type="text"
                {...props}
                placeholder={row.defaultLabel}
                value={row.name}
                onChange={(event) =>
                  setRows((current) =>
                    current.map((one, at) => (at === index ? { ...one, name: event.target.value } : one)),
                  )
                }
              />
            )}
          </Field>
        ))}
      </div>
      <button
        type="button"
        className="btn btn-primary"
        onClick={() =>
          void save('/api/settings/label-names', {
            labelNames: rows.map((row) => ({
              templateId: row.templateId,
              name: row.name.trim() || row.defaultLabel,
            })),
          })
        }
      >
        {t('common.save')}
      </button>
    </Card>
  );
}

function RetentionTab({
  settings,
  onSaved,
}: {
  settings: SettingsResponse;
  onSaved: (settings: SettingsResponse) => void;
}) {
  const { t } = useI18n();
  const { save, notice } = useSaver(onSaved);
  const [days, setDays] = useState(settings.retentionDays);
  return (
    <Card title={t('settings.retention')}>
      {notice}
      <p className="muted small">{t('settings.retentionHint')}</p>
      <div className="inline-form">
        <Field label={t('settings.retentionDays')}>
          {(props) => (
            <span className="won-input">
              <input
                type="number"
                min={7}
                max={3650}
                {...props}
                value={days}
                onChange={(event) => setDays(Number(event.target.value))}
              />
              <span className="unit">{t('unit.days')}</span>
            </span>
          )}
        </Field>
        <button
          type="button"
          className="btn btn-primary"
          onClick={() => void save('/api/settings/retention', { retentionDays: days })}
        >
          {t('common.save')}
        </button>
      </div>
    </Card>
  );
}

function GiftsTab() {
  const { t, lang } = useI18n();
  const [status, setStatus] = useState<'pending' | 'handed' | 'all'>('pending');
  const gifts = useApi<GiftsResponse>(`/api/gifts?status=${status}`);
  const mark = async (gift: GiftEntry, handed: boolean): Promise<void> => {
    await api<GiftEntry>('POST', `/api/gifts/${encodeURIComponent(gift.id)}/handed`, { handed });
    gifts.reload();
  };
  return (
    <Card
      title={t('settings.gifts')}
      actions={
        <div className="segmented" role="group" aria-label={t('settings.giftFilter')}>
          {(['pending', 'handed', 'all'] as const).map((option) => (
            <button
              key={option}
              type="button"
              aria-pressed={status === option}
              onClick={() => setStatus(option)}
            >
              {t(`gifts.${option}`)}
            </button>
          ))}
        </div>
      }
    >
      {gifts.error && <ErrorBox error={gifts.error} onRetry={gifts.reload} />}
      {gifts.data && gifts.data.gifts.length === 0 && <Empty title={t('gifts.empty')} />}
      {gifts.data && gifts.data.gifts.length > 0 && (
        <table className="table table-compact">
          <thead>
            <tr>
              <th scope="col">{t('gifts.handed')}</th>
              <th scope="col">{t('runs.orderId')}</th>
              <th scope="col">{t('gifts.gift')}</th>
              <th scope="col">{t('gifts.buyer')}</th>
              <th scope="col">{t('gifts.createdAt')}</th>
            </tr>
          </thead>
          <tbody>
            {gifts.data.gifts.map((gift) => (
              <tr key={gift.id}>
                <td>
                  <input
                    type="checkbox"
                    aria-label={t('gifts.markHanded', { orderId: gift.orderId })}
                    checked={gift.handedAt !== null}
                    onChange={(event) => void mark(gift, event.target.checked)}
                  />
                </td>
                <td className="mono">{gift.orderId}</td>
                <td>
                  {gift.gift} {gift.label && <LabelBadge name={gift.label} />}
                </td>
                <td>{gift.buyerMasked ?? '—'}</td>
                <td className="nowrap small">
                  {formatDateTime(gift.createdAt, lang)}
                  {gift.handedAt && (
                    <div className="muted">
                      {t('gifts.handedBy', {
                        who: gift.handedBy ?? '—',
                        at: formatDateTime(gift.handedAt, lang),
                      })}
                    </div>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Card>
  );
}

function AuditTab() {
  const { t, lang } = useI18n();
  const audit = useApi<AuditResponse>('/api/audit?limit=100');
  // Known actions read as words; a new one shows its code until it gets a name.
  const actionName = (action: string): string => {
    const key = `auditAction.${action}`;
    return key in messages ? t(key as MessageKey) : action;
  };
  return (
    <Card title={t('settings.audit')}>
      {audit.error && <ErrorBox error={audit.error} onRetry={audit.reload} />}
      {audit.data && audit.data.entries.length === 0 && <Empty title={t('audit.empty')} />}
      {audit.data && audit.data.entries.length > 0 && (
        <table className="table table-compact">
          <thead>
            <tr>
              <th scope="col">{t('audit.at')}</th>
              <th scope="col">{t('audit.actor')}</th>
              <th scope="col">{t('audit.action')}</th>
              <th scope="col">{t('audit.summary')}</th>
            </tr>
          </thead>
          <tbody>
            {audit.data.entries.map((entry) => (
              <tr key={entry.id}>
                <td className="nowrap small">{formatDateTime(entry.at, lang)}</td>
                <td>{entry.actor}</td>
                <td title={entry.action}>{actionName(entry.action)}</td>
                <td>{entry.summary}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Card>
  );
}

/** Mall settings, one tab per concern; the tab is part of the URL (`#/settings/gifts`). */
export default function SettingsPage({ tab }: { tab: string | undefined }) {
  const { t } = useI18n();
  const settings = useApi<SettingsResponse>('/api/settings');
  const current: TabKey = (TABS as readonly string[]).includes(tab ?? '') ? (tab as TabKey) : 'connection';
  const onSaved = settings.setData;
  let body: React.ReactNode = null;
  if (settings.data) {
    const data = settings.data;
    body = {
      connection: <ConnectionTab settings={data} />,
      channels: <ChannelsTab settings={data} onSaved={onSaved} />,
      regions: <RegionsTab settings={data} onSaved={onSaved} />,
      closedDays: <ClosedDaysTab settings={data} onSaved={onSaved} />,
      products: <ProductTagsTab />,
      labels: <LabelNamesTab settings={data} onSaved={onSaved} />,
      retention: <RetentionTab settings={data} onSaved={onSaved} />,
      gifts: <GiftsTab />,
      audit: <AuditTab />,
    }[current];
  }
  return (
    <>
      <PageHeader title={t('nav.settings')} description={t('settings.description')} />
      <div className="settings-layout">
        <nav aria-label={t('settings.sections')} className="settings-nav">
          <ul>
            {TABS.map((key) => (
              <li key={key}>
                <a
                  href={href('settings', key)}
                  aria-current={current === key ? 'page' : undefined}
                  className={current === key ? 'active' : ''}
                >
                  {t(`settingsTab.${key}` as MessageKey)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div className="settings-body">
          {settings.error && <ErrorBox error={settings.error} onRetry={settings.reload} />}
          {!settings.data && settings.loading && <Loading />}
          {body}
        </div>
      </div>
    </>
  );
}
