import { useEffect, useMemo, useRef, useState } from 'react';
import type {
  FactsResponse,
  FlowDetail,
  FlowDraft,
  ValidateFlowResponse,
  ValidationIssue,
} from '../../../src/server/api-contract.js';
import type { Rule, Trigger } from '../../../src/engine/flow-schema.js';
import { ActionsEditor } from '../components/actions-editor.js';
import { ConditionEditor, IssueList } from '../components/condition-editor.js';
import { EditorContext, useEditor } from '../components/editor-context.js';
import type { EditorContextValue } from '../components/editor-context.js';
import { Badge, Card, ErrorBox, Loading, Notice, PageHeader, Tabs, Toggle } from '../components/ui.js';
import { VersionHistory } from '../components/version-history.js';
import { ApiRequestError, api } from '../lib/api.js';
import {
  countLeaves,
  emptyDraft,
  issuePlace,
  issuesAt,
  moveItem,
  newRule,
  removeAt,
  replaceAt,
} from '../lib/flow-edit.js';
import type { MessageKey } from '../lib/i18n.js';
import { useI18n } from '../lib/i18n.js';
import { href, navigate } from '../lib/router.js';
import { loadFacts } from '../lib/session.js';

const TRIGGERS: Trigger[] = ['order.created', 'order.paid', 'order.changed', 'manual'];
type TabKey = 'builder' | 'json' | 'history';

const toDraft = ({ id: _id, version: _version, ...draft }: FlowDetail['flow']): FlowDraft => draft;

function RuleCard({
  rule,
  index,
  count,
  onChange,
  onRemove,
  onMove,
}: {
  rule: Rule;
  index: number;
  count: number;
  onChange: (rule: Rule) => void;
  onRemove: () => void;
  onMove: (delta: number) => void;
}) {
  const { t } = useI18n();
  const { issues } = useEditor();
  const path = ['rules', index];
  return (
    <section className="rule-card" aria-label={t('editor.ruleN', { n: index + 1 })}>
      <div className="rule-head">
        <span className="rule-no">{index + 1}</span>
        <input
          className="rule-name"
          type="text"
          aria-label={t('editor.ruleName')}
          value={rule.name}
          onChange={(event) => onChange({ ...rule, name: event.target.value })}
        />
        <span className="muted small">{t('editor.conditionCount', { count: countLeaves(rule.when) })}</span>
        <label className="check">
          <input
            type="checkbox"
            checked={rule.stopAfterMatch ?? false}
            onChange={(event) => {
              const { stopAfterMatch: _drop, ...rest } = rule;
              onChange(event.target.checked ? { ...rest, stopAfterMatch: true } : rest);
            }}
          />
          {t('editor.stopAfterMatch')}
        </label>
        <button
          type="button"
          className="icon-btn"
          aria-label={t('editor.ruleUp')}
          disabled={index === 0}
          onClick={() => onMove(-1)}
        >
          ↑
        </button>
        <button
          type="button"
          className="icon-btn"
          aria-label={t('editor.ruleDown')}
          disabled={index === count - 1}
          onClick={() => onMove(1)}
        >
          ↓
        </button>
        <button
          type="button"
          className="icon-btn remove"
          aria-label={t('editor.removeRule')}
          title={t('editor.removeRule')}
          onClick={onRemove}
        >
          ×
        </button>
      </div>
      <IssueList issues={issuesAt(issues, path)} />
      <div className="rule-body">
        <div className="rule-when">
          <h3>{t('editor.when')}</h3>
          <ConditionEditor
            value={rule.when}
            path={[...path, 'when']}
            onChange={(when) => onChange({ ...rule, when })}
          />
        </div>
        <div className="rule-then">
          <h3>{t('editor.then')}</h3>
          <ActionsEditor
            actions={rule.then}
            path={[...path, 'then']}
            onChange={(then) => onChange({ ...rule, then })}
          />
        </div>
      </div>
    </section>
  );
}

function JsonView({ draft, onApply }: { draft: FlowDraft; onApply: (draft: FlowDraft) => void }) {
  const { t } = useI18n();
  const [text, setText] = useState(() => JSON.stringify(draft, null, 2));
  const [error, setError] = useState<string>();
  useEffect(() => setText(JSON.stringify(draft, null, 2)), [draft]);
  return (
    <div className="json-view">
      <p className="muted small">{t('editor.jsonHint')}</p>
      <textarea
        aria-label={t('editor.jsonLabel')}
        spellCheck={false}
        value={text}
        onChange={(event) => setText(event.target.value)}
        rows={28}
      />
      {error && <Notice tone="error">{error}</Notice>}
      <button
        type="button"
        className="btn btn-primary"
        onClick={() => {
          try {
            const parsed = JSON.parse(text) as FlowDraft;
            if (typeof parsed !== 'object' || parsed === null || !Array.isArray(parsed.rules))
              throw new Error(t('editor.jsonNeedsRules'));
            setError(undefined);
            onApply(parsed);
          } catch (failure) {
            setError(failure instanceof Error ? failure.message : String(failure));
          }
        }}
      >
        {t('editor.jsonApply')}
      </button>
    </div>
  );
}

/** Create or edit a PassFlow: rule builder, actions, live engine validation, JSON, versions. */
export default function FlowEditorPage({ flowId }: { flowId: string | null }) {
  const { t, pick } = useI18n();
  const [catalogue, setCatalogue] = useState<FactsResponse>();
  const [draft, setDraft] = useState<FlowDraft>();
  const [detail, setDetail] = useState<FlowDetail>();
  const [error, setError] = useState<Error>();
  const [issues, setIssues] = useState<ValidationIssue[]>([]);
  const [tab, setTab] = useState<TabKey>('builder');
  const [changeNote, setChangeNote] = useState('');
  const [saving, setSaving] = useState(false);
  const [notice, setNotice] = useState<{ tone: 'success' | 'error'; text: string }>();
  const [dirty, setDirty] = useState(false);
  const validationRun = useRef(0);

  useEffect(() => {
    loadFacts()
      .then(setCatalogue)
      .catch((failure: unknown) => setError(failure instanceof Error ? failure : new Error(String(failure))));
    if (flowId === null) {
      setDraft(emptyDraft(t('editor.untitled')));
      return;
    }
    api<FlowDetail>('GET', `/api/flows/${encodeURIComponent(flowId)}`)
      .then((result) => {
        setDetail(result);
        setDraft(toDraft(result.flow));
      })
      .catch((failure: unknown) => setError(failure instanceof Error ? failure : new Error(String(failure))));
    // The page is keyed by flow id; the translated default name is only needed on first render.
  }, [flowId]);

  // Live validation by the engine, debounced; a stale answer never overwrites a newer one.
  useEffect(() => {
    if (!draft) return;
    const run = ++validationRun.current;
    const timer = window.setTimeout(() => {
      api<ValidateFlowResponse>('POST', '/api/flows/validate', { flow: draft })
        .then((result) => run === validationRun.current && setIssues(result.issues))
        .catch(() => undefined);
    }, 500);
    return () => window.clearTimeout(timer);
  }, [draft]);

  const editor = useMemo<EditorContextValue | null>(
    () =>
      catalogue
        ? { catalogue, factById: new Map(catalogue.facts.map((fact) => [fact.id, fact])), issues }
        : null,
    [catalogue, issues],
  );

  if (error) return <ErrorBox error={error} />;
  if (!draft || !editor) return <Loading />;

  const update = (next: FlowDraft): void => {
    setDraft(next);
    setDirty(true);
    setNotice(undefined);
  };
  const setRules = (rules: Rule[]): void => update({ ...draft, rules });

  const save = async (): Promise<void> => {
    setSaving(true);
    setNotice(undefined);
    try {
      const result =
        detail === undefined
          ? await api<FlowDetail>('POST', '/api/flows', { flow: draft, changeNote: changeNote.trim() })
          : await api<FlowDetail>('PUT', `/api/flows/${encodeURIComponent(detail.flow.id)}`, {
              flow: draft,
              baseVersion: detail.flow.version,
              changeNote: changeNote.trim(),
            });
      setDetail(result);
      setDraft(toDraft(result.flow));
      setDirty(false);
      setChangeNote('');
      setNotice({ tone: 'success', text: t('editor.saved', { version: result.flow.version }) });
      if (detail === undefined) navigate('flows', result.flow.id);
    } catch (failure) {
      if (failure instanceof ApiRequestError && failure.code === 'flow_invalid') {
        const details = failure.details as { issues?: ValidationIssue[] } | undefined;
        if (details?.issues) setIssues(details.issues);
        setNotice({ tone: 'error', text: t('editor.invalid') });
      } else if (failure instanceof ApiRequestError && failure.code === 'version_conflict') {
        setNotice({ tone: 'error', text: t('editor.conflict') });
      } else {
        setNotice({ tone: 'error', text: failure instanceof Error ? failure.message : String(failure) });
      }
    } finally {
      setSaving(false);
    }
  };

  const needsNote = detail !== undefined;
  /** "규칙 2 (제주 고액) · 할 일 1" for an issue path, so nobody has to read `rules[1].then[0]`. */
  const placeOf = (path: string): string => {
    const place = issuePlace(path);
    if (place.rule === null) return t('editor.issueFlow');
    const rule = draft.rules[place.rule];
    const numbered = t('editor.ruleN', { n: place.rule + 1 });
    const named = rule?.name && rule.name !== numbered ? ` (${rule.name})` : '';
    const parts = [
      `${numbered}${named}`,
      ...(place.part?.kind === 'when' ? [t('editor.issueWhen')] : []),
      ...(place.part?.kind === 'then' ? [t('editor.issueAction', { n: place.part.action + 1 })] : []),
    ];
    return parts.join(' · ');
  };
  const canSave = dirty && issues.length === 0 && (!needsNote || changeNote.trim().length > 0) && !saving;
  const firstFact = editor.catalogue.facts.find((fact) => fact.scope === 'order');
  const tabs: { key: TabKey; label: string }[] = [
    { key: 'builder', label: t('editor.tabBuilder') },
    { key: 'json', label: t('editor.tabJson') },
    ...(detail ? [{ key: 'history' as const, label: t('editor.tabHistory') }] : []),
  ];

  return (
    <EditorContext.Provider value={editor}>
      <PageHeader
        title={detail ? draft.name : t('editor.newTitle')}
        description={
          detail
            ? t('editor.versionInfo', {
                version: detail.flow.version,
                note: detail.current.changeNote || '—',
              })
            : t('editor.newDescription')
        }
        actions={
          <>
            <a className="btn" href={href('flows')}>
              {t('editor.backToList')}
            </a>
            <a
              className="btn"
              href={`${href('simulation')}${detail ? `?flow=${encodeURIComponent(detail.flow.id)}` : ''}`}
            >
              {t('editor.simulate')}
            </a>
          </>
        }
      />
      {notice && <Notice tone={notice.tone}>{notice.text}</Notice>}

      <Card className="flow-meta">
        <div className="flow-meta-row">
          <label className="field grow">
            <span>{t('editor.flowName')}</span>
            <input
              type="text"
              value={draft.name}
              onChange={(event) => update({ ...draft, name: event.target.value })}
              aria-invalid={issuesAt(issues, ['name']).length > 0 || undefined}
            />
          </label>
          <fieldset className="field triggers">
            <legend>{t('editor.triggers')}</legend>
            <div className="check-row">
              {TRIGGERS.map((trigger) => (
                <label key={trigger} className="check">
                  <input
                    type="checkbox"
                    checked={draft.triggers.includes(trigger)}
                    onChange={(event) =>
                      update({
                        ...draft,
                        triggers: event.target.checked
                          ? [...draft.triggers, trigger]
                          : draft.triggers.filter((one) => one !== trigger),
                      })
                    }
                  />
                  {t(`trigger.${trigger}` as MessageKey)}
                </label>
              ))}
            </div>
          </fieldset>
          <div className="field">
            <span id="enabled-label">{t('editor.enabled')}</span>
            <Toggle
              checked={draft.enabled}
              onChange={(enabled) => update({ ...draft, enabled })}
              label={t('editor.enabled')}
            />
          </div>
        </div>
        <IssueList issues={[...issuesAt(issues, []), ...issuesAt(issues, ['rules'])]} />
      </Card>

      <div className="editor-tabs">
        <Tabs tabs={tabs} value={tab} onChange={setTab} label={t('editor.tabs')} />
        <div className="validation-summary" aria-live="polite">
          {issues.length === 0 ? (
            <Badge tone="green">✔ {t('editor.valid')}</Badge>
          ) : (
            <Badge tone="red">{t('editor.errorCount', { count: issues.length })}</Badge>
          )}
        </div>
      </div>

      {tab === 'builder' && (
        <div className="rules">
          {draft.rules.length === 0 && <p className="muted">{t('editor.noRules')}</p>}
          {draft.rules.map((rule, index) => (
            <RuleCard
              key={rule.id}
              rule={rule}
              index={index}
              count={draft.rules.length}
              onChange={(next) => setRules(replaceAt(draft.rules, index, next))}
              onRemove={() => setRules(removeAt(draft.rules, index))}
              onMove={(delta) => setRules(moveItem(draft.rules, index, index + delta))}
            />
          ))}
          <button
            type="button"
            className="btn add-rule"
            onClick={() =>
              setRules([...draft.rules, newRule(t('editor.ruleN', { n: draft.rules.length + 1 }), firstFact)])
            }
          >
            + {t('editor.addRule')}
          </button>
          {issues.length > 0 && (
            <Card title={t('editor.allIssues')}>
              <ul className="issue-index">
                {issues.map((issue, index) => (
                  <li key={index}>
                    <span className="issue-place">{placeOf(issue.path)}</span> {pick(issue.message)}
                  </li>
                ))}
              </ul>
            </Card>
          )}
        </div>
      )}
      {tab === 'json' && <JsonView draft={draft} onApply={(next) => update(next)} />}
      {tab === 'history' && detail && (
        <VersionHistory
          flowId={detail.flow.id}
          currentVersion={detail.flow.version}
          onRolledBack={(result) => {
            setDetail(result);
            setDraft(toDraft(result.flow));
            setDirty(false);
            // The history tab reports the rollback itself; an older "saved" notice would mislead.
            setNotice(undefined);
          }}
        />
      )}

      {tab !== 'history' && (
        <div className="save-bar">
          {needsNote && (
            <label className="save-note">
              <span>{t('editor.changeNote')}</span>
              <input
                type="text"
                value={changeNote}
                placeholder={t('editor.changeNotePlaceholder')}
                onChange={(event) => setChangeNote(event.target.value)}
                required
              />
            </label>
          )}
          <span className="muted small">{dirty ? t('editor.unsaved') : t('editor.noChanges')}</span>
          <button type="button" className="btn btn-primary" disabled={!canSave} onClick={() => void save()}>
            {saving ? t('common.saving') : detail ? t('editor.saveVersion') : t('editor.create')}
          </button>
        </div>
      )}
    </EditorContext.Provider>
  );
}
