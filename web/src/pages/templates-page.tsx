import { useState } from 'react';
import type {
  FlowDetail,
  TemplatePreviewResponse,
  TemplateSummary,
  TemplatesResponse,
} from '../../../src/server/api-contract.js';
import { ParamInput } from '../components/param-input.js';
import {
  Badge,
  Card,
  ErrorBox,
  Field,
  LabelBadge,
  Loading,
  Notice,
  PageHeader,
  Tabs,
} from '../components/ui.js';
import { api } from '../lib/api.js';
import { formatNumber } from '../lib/format.js';
import type { MessageKey } from '../lib/i18n.js';
import { useI18n } from '../lib/i18n.js';
import { href } from '../lib/router.js';
import { useApi } from '../lib/use-api.js';

type Filter = 'all' | 'template' | 'example';

/** The parameters the form shows: the label has its own field above them. */
const formParams = (template: TemplateSummary): TemplateSummary['params'] =>
  template.params.filter((param) => param.type !== 'label');

const defaultsOf = (template: TemplateSummary): Record<string, unknown> =>
  Object.fromEntries(
    formParams(template)
      .filter((param) => param.default !== undefined)
      .map((param) => [param.key, param.default]),
  );

function TemplatePanel({
  template,
  onInstalled,
}: {
  template: TemplateSummary;
  onInstalled: (detail: FlowDetail) => void;
}) {
  const { t, pick } = useI18n();
  const [params, setParams] = useState<Record<string, unknown>>(() => defaultsOf(template));
  const [label, setLabel] = useState(template.defaultLabel);
  const [preview, setPreview] = useState<TemplatePreviewResponse>();
  const [busy, setBusy] = useState<'preview' | 'install'>();
  const [error, setError] = useState<Error>();

  const run = async (kind: 'preview' | 'install'): Promise<void> => {
    setBusy(kind);
    setError(undefined);
    try {
      if (kind === 'preview') {
        setPreview(
          await api<TemplatePreviewResponse>(
            'POST',
            `/api/templates/${encodeURIComponent(template.id)}/preview`,
            { params, days: 30 },
          ),
        );
      } else {
        const body = {
          params,
          enabled: true,
          ...(label.trim() && label.trim() !== template.defaultLabel ? { label: label.trim() } : {}),
        };
        onInstalled(
          await api<FlowDetail>('POST', `/api/templates/${encodeURIComponent(template.id)}/install`, body),
        );
      }
    } catch (failure) {
      setError(failure instanceof Error ? failure : new Error(String(failure)));
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <Card
      className="template-panel"
      title={
        <>
          {pick(template.name)} <Badge tone="violet">{template.id}</Badge>
        </>
      }
    >
      <p>{pick(template.description)}</p>
      <div className="form-grid">
        <Field label={t('templates.labelName')} hint={t('templates.labelHint')}>
          {(props) => (
            <input type="text" {...props} value={label} onChange={(event) => setLabel(event.target.value)} />
          )}
        </Field>
        {formParams(template).map((param) => (
          <Field
            key={param.key}
            label={`${pick(param.label)}${param.required ? ' *' : ''}`}
            {...(param.description ? { hint: pick(param.description) } : {})}
          >
            {(props) => (
              <ParamInput
                id={props.id}
                param={param}
                value={params[param.key]}
                onChange={(value) => setParams((current) => ({ ...current, [param.key]: value }))}
              />
            )}
          </Field>
        ))}
      </div>
      {error && <ErrorBox error={error} />}
      {preview && (
        <div className="preview-result" role="status">
          <strong>
            {t('templates.previewResult', {
              matched: formatNumber(preview.ordersMatched),
              total: formatNumber(preview.ordersConsidered),
              days: preview.days,
            })}
          </strong>
          <div className="preview-bar" aria-hidden="true">
            <div
              style={{
                width: `${preview.ordersConsidered ? (preview.ordersMatched / preview.ordersConsidered) * 100 : 0}%`,
              }}
            />
          </div>
          {preview.sampleOrderIds.length > 0 && (
            <p className="muted small">
              {t('templates.sample')}: {preview.sampleOrderIds.slice(0, 5).join(', ')}
            </p>
          )}
        </div>
      )}
      <div className="button-row">
        <button
          type="button"
          className="btn"
          disabled={busy !== undefined}
          onClick={() => void run('preview')}
        >
          {busy === 'preview' ? t('common.loading') : t('templates.preview')}
        </button>
        <button
          type="button"
          className="btn btn-primary"
          disabled={busy !== undefined}
          onClick={() => void run('install')}
        >
          {busy === 'install'
            ? t('common.saving')
            : template.installedFlowId
              ? t('templates.installAgain')
              : t('templates.install')}
        </button>
      </div>
    </Card>
  );
}

/** The gallery of built-in templates and example recipes, with parameters, preview and install. */
export default function TemplatesPage() {
  const { t, pick } = useI18n();
  const list = useApi<TemplatesResponse>('/api/templates');
  const [selected, setSelected] = useState<string>();
  const [filter, setFilter] = useState<Filter>('all');
  const [installed, setInstalled] = useState<FlowDetail>();

  const templates = (list.data?.templates ?? []).filter(
    (template) => filter === 'all' || template.kind === filter,
  );
  const current = list.data?.templates.find((template) => template.id === selected);
  return (
    <>
      <PageHeader title={t('nav.templates')} description={t('templates.description')} />
      {installed && (
        <Notice tone="success">
          {t('templates.installed', { name: installed.flow.name })}{' '}
          <a href={href('flows', installed.flow.id)}>{t('templates.openFlow')}</a>
        </Notice>
      )}
      {list.error && <ErrorBox error={list.error} onRetry={list.reload} />}
      {list.loading && !list.data && <Loading />}
      {list.data && (
        <>
          <Tabs
            label={t('templates.filter')}
            value={filter}
            onChange={setFilter}
            tabs={[
              { key: 'all', label: `${t('templates.all')} ${list.data.templates.length}` },
              { key: 'template', label: t('templates.builtIn') },
              { key: 'example', label: t('templates.examples') },
            ]}
          />
          <div className={`gallery-layout ${current ? 'with-panel' : ''}`}>
            <ul className="gallery">
              {templates.map((template) => (
                <li key={template.id}>
                  <button
                    type="button"
                    className={`template-card ${selected === template.id ? 'template-card-active' : ''}`}
                    aria-pressed={selected === template.id}
                    onClick={() => setSelected(template.id)}
                  >
                    <span className="template-top">
                      <span className={`group-dot group-${template.group}`} aria-hidden="true" />
                      <span className="muted small">{t(`group.${template.group}` as MessageKey)}</span>
                      {template.installedFlowId && (
                        <Badge tone="green">{t('templates.installedBadge')}</Badge>
                      )}
                    </span>
                    <strong>{pick(template.name)}</strong>
                    <span className="template-desc">{pick(template.description)}</span>
                    <span className="template-foot">
                      <LabelBadge name={template.defaultLabel} />
                      <span className="muted small">
                        {template.kind === 'example'
                          ? t('templates.example')
                          : template.defaultLabel === template.id
                            ? t('templates.builtInOne')
                            : template.id}
                      </span>
                    </span>
                  </button>
                </li>
              ))}
            </ul>
            {current && (
              <TemplatePanel
                key={current.id}
                template={current}
                onInstalled={(detail) => {
                  setInstalled(detail);
                  list.reload();
                }}
              />
            )}
          </div>
        </>
      )}
    </>
  );
}
