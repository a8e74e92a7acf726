import type { FactDefinition, FactGroup, ValidationIssue } from '../../../src/server/api-contract.js';
import type {
  CompareCondition,
  Condition,
  DateRangeCondition,
  Operator,
  TimeOfDayCondition,
} from '../../../src/engine/flow-schema.js';
import {
  argDefault,
  defaultValue,
  isOvernight,
  issuesAt,
  issuesForField,
  newCompare,
  removeAt,
  replaceAt,
} from '../lib/flow-edit.js';
import type { Path } from '../lib/flow-edit.js';
import type { MessageKey } from '../lib/i18n.js';
import { useI18n } from '../lib/i18n.js';
import { useEditor } from './editor-context.js';
import { ValueInput } from './value-input.js';

export const GROUPS: FactGroup[] = ['order', 'shipping', 'customer', 'item', 'time', 'payment'];

type Scope = 'order' | 'item';

/** Engine messages for a node, in the console language. */
export function IssueList({ issues }: { issues: ValidationIssue[] }) {
  const { pick } = useI18n();
  if (issues.length === 0) return null;
  return (
    <ul className="issue-list" role="alert">
      {issues.map((issue, index) => (
        <li key={`${issue.code}-${index}`} className="issue issue-error">
          {pick(issue.message)}
        </li>
      ))}
    </ul>
  );
}

function FactSelect({
  value,
  scope,
  onChange,
  invalid,
}: {
  value: string;
  scope: Scope;
  onChange: (fact: FactDefinition) => void;
  invalid: boolean;
}) {
  const { t, pick } = useI18n();
  const { catalogue, factById } = useEditor();
  const known = factById.has(value);
  return (
    <select
      aria-label={t('builder.fact')}
      aria-invalid={invalid || undefined}
      value={value}
      className="fact-select"
      onChange={(event) => {
        const fact = factById.get(event.target.value);
        if (fact) onChange(fact);
      }}
    >
      {!known && <option value={value}>{value || t('builder.chooseFact')}</option>}
      {GROUPS.map((group) => {
        const facts = catalogue.facts.filter((fact) => fact.group === group && fact.scope === scope);
        return facts.length === 0 ? null : (
          <optgroup key={group} label={t(`group.${group}` as MessageKey)}>
            {facts.map((fact) => (
              <option key={fact.id} value={fact.id}>
                {pick(fact.label)}
              </option>
            ))}
          </optgroup>
        );
      })}
    </select>
  );
}

function CompareEditor({
  value,
  onChange,
  path,
  scope,
}: {
  value: CompareCondition;
  onChange: (next: CompareCondition) => void;
  path: Path;
  scope: Scope;
}) {
  const { t, pick } = useI18n();
  const { factById, issues } = useEditor();
  const fact = factById.get(value.fact);
  const operators: Operator[] = fact?.operators ?? [value.op];
  return (
    <div className="compare">
      <FactSelect
        value={value.fact}
        scope={scope}
        onChange={(next) => onChange(newCompare(next))}
        invalid={issuesForField(issues, path, 'fact').length > 0}
      />
      {fact?.arg && (
        <label className="inline-arg">
          <input
            type="number"
            min={fact.arg.min}
            aria-label={pick(fact.arg.label)}
            value={value.arg ?? argDefault(fact.arg)}
            onChange={(event) => onChange({ ...value, arg: Number(event.target.value) })}
          />
          <span>{pick(fact.arg.label)}</span>
        </label>
      )}
      <select
        aria-label={t('builder.operator')}
        value={value.op}
        aria-invalid={issuesForField(issues, path, 'op').length > 0 || undefined}
        onChange={(event) => {
          const op = event.target.value as Operator;
          onChange({ ...value, op, value: defaultValue(fact, op) });
        }}
      >
        {operators.map((op) => (
          <option key={op} value={op}>
            {t(`op.${op}` as MessageKey)}
          </option>
        ))}
      </select>
      {fact && (
        <ValueInput
          fact={fact}
          op={value.op}
          value={value.value}
          onChange={(next) => onChange({ ...value, value: next })}
        />
      )}
    </div>
  );
}

function TimeOfDayEditor({
  value,
  onChange,
}: {
  value: TimeOfDayCondition;
  onChange: (next: TimeOfDayCondition) => void;
}) {
  const { t } = useI18n();
  return (
    <div className="compare">
      <span className="node-kind">{t('builder.timeOfDay')}</span>
      <input
        type="time"
        aria-label={t('builder.from')}
        value={value.from}
        onChange={(event) => onChange({ ...value, from: event.target.value })}
      />
      <span aria-hidden="true">~</span>
      <input
        type="time"
        aria-label={t('builder.to')}
        value={value.to}
        onChange={(event) => onChange({ ...value, to: event.target.value })}
      />
      {isOvernight(value.from, value.to) && (
        <span className="badge badge-violet">{t('builder.overnight')}</span>
      )}
      <span className="muted small">{t('builder.kst')}</span>
    </div>
  );
}

function DateRangeEditor({
  value,
  onChange,
}: {
  value: DateRangeCondition;
  onChange: (next: DateRangeCondition) => void;
}) {
  const { t } = useI18n();
  const withTime = value.from.includes('T') || value.to.includes('T');
  const type = withTime ? 'datetime-local' : 'date';
  return (
    <div className="compare">
      <span className="node-kind">{t('builder.dateRange')}</span>
      <input
        type={type}
        aria-label={t('builder.from')}
        value={value.from}
        onChange={(event) => onChange({ ...value, from: event.target.value })}
      />
      <span aria-hidden="true">~</span>
      <input
        type={type}
        aria-label={t('builder.to')}
        value={value.to}
        onChange={(event) => onChange({ ...value, to: event.target.value })}
      />
      <label className="check">
        <input
          type="checkbox"
          checked={withTime}
          onChange={(event) =>
            onChange(
              event.target.checked
                ? { ...value, from: `${value.from.slice(0, 10)}T00:00`, to: `${value.to.slice(0, 10)}T23:59` }
                : { ...value, from: value.from.slice(0, 10), to: value.to.slice(0, 10) },
            )
          }
        />
        {t('builder.withTime')}
      </label>
    </div>
  );
}

/** Buttons adding a child to a group; item quantifiers only at order level. */
function AddButtons({ scope, onAdd }: { scope: Scope; onAdd: (condition: Condition) => void }) {
  const { t } = useI18n();
  const { catalogue } = useEditor();
  const firstFact = catalogue.facts.find((fact) => fact.scope === scope);
  const firstItemFact = catalogue.facts.find((fact) => fact.scope === 'item');
  return (
    <div className="add-row">
      {firstFact && (
        <button
          type="button"
          className="btn btn-ghost btn-small"
          onClick={() => onAdd(newCompare(firstFact))}
        >
          + {t('builder.addCondition')}
        </button>
      )}
      <button
        type="button"
        className="btn btn-ghost btn-small"
        onClick={() => onAdd({ kind: scope === 'order' ? 'any' : 'all', conditions: [] })}
      >
        + {t('builder.addGroup')}
      </button>
      {scope === 'order' && (
        <>
          {firstItemFact && (
            <button
              type="button"
              className="btn btn-ghost btn-small"
              onClick={() => onAdd({ kind: 'items', quantifier: 'any', where: [newCompare(firstItemFact)] })}
            >
              + {t('builder.addItems')}
            </button>
          )}
          <button
            type="button"
            className="btn btn-ghost btn-small"
            onClick={() => onAdd({ kind: 'timeOfDay', from: '22:00', to: '05:00' })}
          >
            + {t('builder.addTime')}
          </button>
          <button
            type="button"
            className="btn btn-ghost btn-small"
            onClick={() => onAdd({ kind: 'dateRange', from: '', to: '' })}
          >
            + {t('builder.addPeriod')}
          </button>
        </>
      )}
    </div>
  );
}

function ChildList({
  items,
  onChange,
  path,
  scope,
}: {
  items: Condition[];
  onChange: (next: Condition[]) => void;
  path: Path;
  scope: Scope;
}) {
  return (
    <ol className="child-list">
      {items.map((child, index) => (
        <li key={index}>
          <ConditionEditor
            value={child}
            path={[...path, index]}
            scope={scope}
            onChange={(next) => onChange(replaceAt(items, index, next))}
            onRemove={() => onChange(removeAt(items, index))}
          />
        </li>
      ))}
    </ol>
  );
}

/**
 * One node of the condition tree, editable in place: groups (AND/OR), NOT, comparisons, item
 * quantifiers, time-of-day and date windows. Engine issues for the node show right under it.
 */
export function ConditionEditor({
  value,
  onChange,
  onRemove,
  path,
  scope = 'order',
}: {
  value: Condition;
  onChange: (next: Condition) => void;
  onRemove?: () => void;
  path: Path;
  scope?: Scope;
}) {
  const { t } = useI18n();
  const { issues } = useEditor();
  const own = issuesAt(issues, path);
  const remove = onRemove && (
    <button
      type="button"
      className="icon-btn remove"
      aria-label={t('builder.remove')}
      title={t('builder.remove')}
      onClick={onRemove}
    >
      ×
    </button>
  );

  let body: React.ReactNode;
  switch (value.kind) {
    case 'all':
    case 'any':
      body = (
        <div className={`group group-${value.kind}`}>
          <div className="group-head">
            <div className="segmented segmented-small" role="group" aria-label={t('builder.groupMode')}>
              {(['all', 'any'] as const).map((kind) => (
                <button
                  key={kind}
                  type="button"
                  aria-pressed={value.kind === kind}
                  onClick={() => onChange({ kind, conditions: value.conditions })}
                >
                  {t(kind === 'all' ? 'builder.all' : 'builder.any')}
                </button>
              ))}
            </div>
            <span className="muted small">
              {t(value.kind === 'all' ? 'builder.allHint' : 'builder.anyHint')}
            </span>
            <button
              type="button"
              className="btn btn-ghost btn-small"
              onClick={() => onChange({ kind: 'not', condition: value })}
            >
              {t('builder.negate')}
            </button>
            {remove}
          </div>
          <ChildList
            items={value.conditions}
            path={[...path, 'conditions']}
            scope={scope}
            onChange={(conditions) => onChange({ ...value, conditions })}
          />
          <AddButtons
            scope={scope}
            onAdd={(condition) => onChange({ ...value, conditions: [...value.conditions, condition] })}
          />
        </div>
      );
      break;
    case 'not':
      body = (
        <div className="group group-not">
          <div className="group-head">
            <span className="node-kind">{t('builder.not')}</span>
            <button
              type="button"
              className="btn btn-ghost btn-small"
              onClick={() => onChange(value.condition)}
            >
              {t('builder.unwrapNot')}
            </button>
            {remove}
          </div>
          <ConditionEditor
            value={value.condition}
            path={[...path, 'condition']}
            scope={scope}
            onChange={(condition) => onChange({ kind: 'not', condition })}
          />
        </div>
      );
      break;
    case 'items':
      body = (
        <div className="group group-items">
          <div className="group-head">
            <label className="inline-label">
              <span>{t('builder.itemsPrefix')}</span>
              <select
                aria-label={t('builder.quantifier')}
                value={value.quantifier}
                onChange={(event) =>
                  onChange({ ...value, quantifier: event.target.value as typeof value.quantifier })
                }
              >
                <option value="any">{t('builder.anyItem')}</option>
                <option value="all">{t('builder.allItems')}</option>
                <option value="none">{t('builder.noItem')}</option>
              </select>
              <span>{t('builder.itemsSuffix')}</span>
            </label>
            {remove}
          </div>
          <ChildList
            items={value.where}
            path={[...path, 'where']}
            scope="item"
            onChange={(where) => onChange({ ...value, where })}
          />
          <AddButtons
            scope="item"
            onAdd={(condition) => onChange({ ...value, where: [...value.where, condition] })}
          />
        </div>
      );
      break;
    case 'compare':
      body = (
        <div className="leaf">
          <CompareEditor value={value} onChange={onChange} path={path} scope={scope} />
          {remove}
        </div>
      );
      break;
    case 'timeOfDay':
      body = (
        <div className="leaf">
          <TimeOfDayEditor value={value} onChange={onChange} />
          {remove}
        </div>
      );
      break;
    case 'dateRange':
      body = (
        <div className="leaf">
          <DateRangeEditor value={value} onChange={onChange} />
          {remove}
        </div>
      );
      break;
  }
  return (
    <div className={`node ${own.length > 0 ? 'node-invalid' : ''}`} data-path={path.join('.')}>
      {body}
      <IssueList issues={own} />
    </div>
  );
}
