import type { Action } from '../../../src/engine/flow-schema.js';
import { issuesAt, issuesForField, newAction, removeAt, replaceAt } from '../lib/flow-edit.js';
import type { Path } from '../lib/flow-edit.js';
import type { MessageKey } from '../lib/i18n.js';
import { useI18n } from '../lib/i18n.js';
import { IssueList } from './condition-editor.js';
import { useEditor } from './editor-context.js';

const ACTION_TYPES: Action['type'][] = [
  'addLabel',
  'removeLabel',
  'giftTarget',
  'memo',
  'csFlag',
  'holdShipment',
  'notify',
];

function TextField({
  label,
  value,
  onChange,
  path,
  field,
  list,
  multiline,
  placeholder,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  path: Path;
  field: string;
  list?: string;
  multiline?: boolean;
  placeholder?: string;
}) {
  const { issues } = useEditor();
  const invalid = issuesForField(issues, path, field).length > 0;
  return (
    <label className="action-field">
      <span>{label}</span>
      {multiline ? (
        <textarea
          rows={2}
          value={value}
          placeholder={placeholder}
          aria-invalid={invalid || undefined}
          onChange={(event) => onChange(event.target.value)}
        />
      ) : (
        <input
          type="text"
          value={value}
          list={list}
          placeholder={placeholder}
          aria-invalid={invalid || undefined}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    </label>
  );
}

function ActionFields({
  action,
  onChange,
  path,
}: {
  action: Action;
  onChange: (next: Action) => void;
  path: Path;
}) {
  const { t } = useI18n();
  const { catalogue } = useEditor();
  switch (action.type) {
    case 'addLabel':
      return (
        <>
          <TextField
            label={t('actions.label')}
            value={action.label}
            list="passwing-labels"
            path={path}
            field="label"
            onChange={(label) => onChange({ ...action, label })}
          />
          <label className="action-field">
            <span>{t('actions.scope')}</span>
            <select
              value={action.scope}
              onChange={(event) =>
                onChange({ ...action, scope: event.target.value as 'order' | 'matchedItems' })
              }
            >
              <option value="order">{t('actions.scopeOrder')}</option>
              <option value="matchedItems">{t('actions.scopeItems')}</option>
            </select>
          </label>
          <label className="action-field action-field-narrow" title={t('actions.alsoWithinHint')}>
            <span>{t('actions.alsoWithin')}</span>
            <input
              type="number"
              min={1}
              placeholder="—"
              value={action.alsoOrdersWithinMinutes ?? ''}
              onChange={(event) => {
                const { alsoOrdersWithinMinutes: _drop, ...rest } = action;
                onChange(
                  event.target.value === ''
                    ? rest
                    : { ...rest, alsoOrdersWithinMinutes: Number(event.target.value) },
                );
              }}
            />
          </label>
        </>
      );
    case 'removeLabel':
      return (
        <TextField
          label={t('actions.label')}
          value={action.label}
          list="passwing-labels"
          path={path}
          field="label"
          onChange={(label) => onChange({ ...action, label })}
        />
      );
    case 'memo':
      return (
        <TextField
          label={t('actions.memo')}
          value={action.template}
          path={path}
          field="template"
          multiline
          placeholder={t('actions.memoPlaceholder')}
          onChange={(template) => onChange({ ...action, template })}
        />
      );
    case 'giftTarget':
      return (
        <>
          <TextField
            label={t('actions.gift')}
            value={action.gift}
            path={path}
            field="gift"
            onChange={(gift) => onChange({ ...action, gift })}
          />
          <TextField
            label={t('actions.giftLabel')}
            value={action.label ?? ''}
            list="passwing-labels"
            path={path}
            field="label"
            onChange={(label) => {
              const { label: _drop, ...rest } = action;
              onChange(label ? { ...rest, label } : rest);
            }}
          />
        </>
      );
    case 'csFlag':
      return (
        <TextField
          label={t('actions.reason')}
          value={action.reason}
          path={path}
          field="reason"
          onChange={(reason) => onChange({ ...action, reason })}
        />
      );
    case 'holdShipment':
      return <p className="muted small action-note">{t('actions.holdNote')}</p>;
    case 'notify':
      return (
        <>
          <label className="action-field">
            <span>{t('actions.channel')}</span>
            <select
              value={action.channel}
              onChange={(event) => onChange({ ...action, channel: event.target.value })}
            >
              <option value="">{t('actions.chooseChannel')}</option>
              {catalogue.channels.map((channel) => (
                <option key={channel.id} value={channel.id}>
                  {channel.name}
                </option>
              ))}
            </select>
          </label>
          <TextField
            label={t('actions.message')}
            value={action.template}
            path={path}
            field="template"
            multiline
            placeholder={t('actions.memoPlaceholder')}
            onChange={(template) => onChange({ ...action, template })}
          />
        </>
      );
  }
}

/** The "then" list of a rule: what happens to a matching order. */
export function ActionsEditor({
  actions,
  onChange,
  path,
}: {
  actions: Action[];
  onChange: (next: Action[]) => void;
  path: Path;
}) {
  const { t } = useI18n();
  const { catalogue, issues } = useEditor();
  return (
    <div className="actions-editor">
      <datalist id="passwing-labels">
        {catalogue.labels.map((label) => (
          <option key={label} value={label} />
        ))}
      </datalist>
      <IssueList issues={issuesAt(issues, path)} />
      {actions.map((action, index) => {
        const actionPath = [...path, index];
        return (
          <div
            className={`action-row ${issuesAt(issues, actionPath).length ? 'node-invalid' : ''}`}
            key={index}
            data-path={actionPath.join('.')}
          >
            <div className="action-main">
              <label className="action-field action-type">
                <span>{t('actions.type')}</span>
                <select
                  value={action.type}
                  onChange={(event) =>
                    onChange(replaceAt(actions, index, newAction(event.target.value as Action['type'])))
                  }
                >
                  {ACTION_TYPES.map((type) => (
                    <option key={type} value={type}>
                      {t(`action.${type}` as MessageKey)}
                    </option>
                  ))}
                </select>
              </label>
              <ActionFields
                action={action}
                path={actionPath}
                onChange={(next) => onChange(replaceAt(actions, index, next))}
              />
              <button
                type="button"
                className="icon-btn remove"
                aria-label={t('actions.remove')}
                title={t('actions.remove')}
                onClick={() => onChange(removeAt(actions, index))}
              >
                ×
              </button>
            </div>
            <IssueList issues={issuesAt(issues, actionPath)} />
          </div>
        );
      })}
      <button
        type="button"
        className="btn btn-ghost btn-small"
        onClick={() => onChange([...actions, newAction('addLabel')])}
      >
        + {t('actions.add')}
      </button>
    </div>
  );
}
