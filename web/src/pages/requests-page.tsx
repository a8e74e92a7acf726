import { useState } from 'react';
import type {
  CreateRequestRequest,
  FlowListResponse,
  RequestItem,
  RequestsResponse,
} from '../../../src/server/api-contract.js';
import { Badge, Card, Empty, ErrorBox, Field, Notice, PageHeader } from '../components/ui.js';
import type { Tone } from '../components/ui.js';
import { ApiRequestError, api } from '../lib/api.js';
import { formatDateTime } from '../lib/format.js';
import { useI18n } from '../lib/i18n.js';
import { useApi } from '../lib/use-api.js';

const STATUS_TONE: Record<RequestItem['status'], Tone> = {
  received: 'neutral',
  reviewing: 'blue',
  planned: 'violet',
  done: 'green',
  declined: 'amber',
};

const orderFromHash = (): string =>
  new URLSearchParams(window.location.hash.split('?')[1] ?? '').get('order') ?? '';

/** 운영 의견 / 자동화 기준 요청: feedback and "please automate this" requests of this mall. */
export default function RequestsPage() {
  const { t, lang } = useI18n();
  const requests = useApi<RequestsResponse>('/api/requests');
  const flows = useApi<FlowListResponse>('/api/flows');
  const [kind, setKind] = useState<CreateRequestRequest['kind']>('automation');
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [flowId, setFlowId] = useState('');
  const [orderId, setOrderId] = useState(orderFromHash);
  const [notice, setNotice] = useState<{ tone: 'success' | 'error'; text: string }>();
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});

  const submit = async (): Promise<void> => {
    const errors: Record<string, string> = {};
    if (!title.trim()) errors.title = t('requests.required');
    if (!body.trim()) errors.body = t('requests.required');
    setFieldErrors(errors);
    if (Object.keys(errors).length > 0) return;
    try {
      await api<RequestItem>('POST', '/api/requests', {
        kind,
        title: title.trim(),
        body: body.trim(),
        ...(flowId ? { flowId } : {}),
        ...(orderId.trim() ? { orderId: orderId.trim() } : {}),
      });
      setTitle('');
      setBody('');
      setNotice({ tone: 'success', text: t('requests.sent') });
      requests.reload();
    } catch (failure) {
      setNotice({
        tone: 'error',
        text: failure instanceof ApiRequestError ? failure.message : String(failure),
      });
    }
  };

  return (
    <>
      <PageHeader title={t('nav.requests')} description={t('requests.description')} />
      <div className="grid-2">
        <Card title={t('requests.new')}>
          {notice && <Notice tone={notice.tone}>{notice.text}</Notice>}
          <form
            onSubmit={(event) => {
              event.preventDefault();
              void submit();
            }}
          >
            <fieldset className="field">
              <legend>{t('requests.kind')}</legend>
              <div className="check-row">
                <label className="check">
                  <input
                    type="radio"
                    name="request-kind"
                    checked={kind === 'automation'}
                    onChange={() => setKind('automation')}
                  />
                  {t('requests.automation')}
                </label>
                <label className="check">
                  <input
                    type="radio"
                    name="request-kind"
                    checked={kind === 'feedback'}
                    onChange={() => setKind('feedback')}
                  />
                  {t('requests.feedback')}
                </label>
              </div>
            </fieldset>
            <Field label={t('requests.titleLabel')} error={fieldErrors.title}>
              {(props) => (
                <input
                  type="text"
                  {...props}
                  maxLength={120}
                  value={title}
                  placeholder={t(
                    kind === 'automation'
                      ? 'requests.titlePlaceholderAutomation'
                      : 'requests.titlePlaceholderFeedback',
                  )}
                  onChange={(event) => setTitle(event.target.value)}
                />
              )}
            </Field>
            <Field label={t('requests.body')} error={fieldErrors.body} hint={t('requests.bodyHint')}>
              {(props) => (
                <textarea
                  {...props}
                  rows={6}
                  maxLength={4000}
                  value={body}
                  onChange={(event) => setBody(event.target.value)}
                />
              )}
            </Field>
            <div className="form-grid">
              <Field label={t('requests.flow')}>
                {(props) => (
                  <select {...props} value={flowId} onChange={(event) => setFlowId(event.target.value)}>
                    <option value="">{t('requests.none')}</option>
                    {flows.data?.flows.map((flow) => (
                      <option key={flow.id} value={flow.id}>
                        {flow.name}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <Field label={t('requests.order')}>
                {(props) => (
                  <input
                    type="text"
                    {...props}
                    value={orderId}
                    onChange={(event) => setOrderId(event.target.value)}
                  />
                )}
              </Field>
            </div>
            <button type="submit" className="btn btn-primary">
              {t('requests.send')}
            </button>
          </form>
        </Card>
        <Card title={t('requests.mine')}>
          {requests.error && <ErrorBox error={requests.error} onRetry={requests.reload} />}
          {requests.data && requests.data.requests.length === 0 && (
            <Empty title={t('requests.empty')}>
              <p className="muted small">{t('requests.emptyHint')}</p>
            </Empty>
          )}
          <ul className="request-list">
            {requests.data?.requests.map((request) => (
              <li key={request.id}>
                <div className="request-head">
                  <Badge tone={request.kind === 'automation' ? 'violet' : 'blue'}>
                    {t(request.kind === 'automation' ? 'requests.automation' : 'requests.feedback')}
                  </Badge>
                  <strong>{request.title}</strong>
                  <Badge tone={STATUS_TONE[request.status]}>{t(`requestStatus.${request.status}`)}</Badge>
                </div>
                <p>{request.body}</p>
                <div className="muted small">
                  {formatDateTime(request.createdAt, lang)}
                  {request.orderId && ` · ${t('requests.order')} ${request.orderId}`}
                </div>
                {request.reply && (
                  <div className="reply">
                    <strong>{t('requests.reply')}</strong> {request.reply}
                  </div>
                )}
              </li>
            ))}
          </ul>
        </Card>
      </div>
    </>
  );
}
