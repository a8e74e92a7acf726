import { useEffect, useState } from 'react';
import type { FactDefinition } from '../../../src/server/api-contract.js';
import type { Operator } from '../../../src/engine/flow-schema.js';
import { formatNumber, parseWon } from '../lib/format.js';
import { GRADE_FACT, LIST_OPERATORS, PRODUCT_FACTS, TAGS_FACT, VALUELESS } from '../lib/flow-edit.js';
import { useI18n } from '../lib/i18n.js';
import { useEditor } from './editor-context.js';
import { ProductPicker } from './product-picker.js';

type Option = NonNullable<FactDefinition['options']>[number];

const PRESET_TAGS = ['NEW', 'BEST', 'SAME_DAY'];

/** Won amount typed with thousands separators ("100,000"), stored as an integer. */
export function WonInput({
  value,
  onChange,
  label,
  id,
}: {
  value: unknown;
  onChange: (value: number | null) => void;
  label?: string;
  id?: string;
}) {
  const { lang } = useI18n();
  const numeric = typeof value === 'number' ? value : null;
  const [text, setText] = useState(numeric === null ? '' : formatNumber(numeric));
  useEffect(() => {
    setText((current) =>
      parseWon(current) === numeric ? current : numeric === null ? '' : formatNumber(numeric),
    );
  }, [numeric]);
  return (
    <span className="won-input">
      <input
        id={id}
        type="text"
        inputMode="numeric"
        aria-label={label}
        value={text}
        onChange={(event) => {
          const parsed = parseWon(event.target.value);
          setText(parsed === null ? '' : formatNumber(parsed));
          onChange(parsed);
        }}
      />
      <span className="unit" aria-hidden="true">
        {lang === 'ko' ? '원' : 'KRW'}
      </span>
    </span>
  );
}

/** Several values picked as chips (in / not in). */
function MultiPick({
  options,
  value,
  onChange,
  label,
}: {
  options: Option[];
  value: unknown;
  onChange: (value: unknown[]) => void;
  label: string;
}) {
  const { pick } = useI18n();
  const selected = Array.isArray(value) ? value : [];
  return (
    <div className="chips" role="group" aria-label={label}>
      {options.map((option) => {
        const on = selected.includes(option.value);
        return (
          <button
            key={String(option.value)}
            type="button"
            className={`chip ${on ? 'chip-on' : ''}`}
            aria-pressed={on}
            onClick={() =>
              onChange(on ? selected.filter((one) => one !== option.value) : [...selected, option.value])
            }
          >
            {pick(option.label)}
          </button>
        );
      })}
    </div>
  );
}

/** Free-text list ("NEW, BEST"): comma separated. */
function ListText({
  value,
  onChange,
  label,
  numeric,
}: {
  value: unknown;
  onChange: (value: unknown[]) => void;
  label: string;
  numeric: boolean;
}) {
  const { t } = useI18n();
  const list = Array.isArray(value) ? value : [];
  const [text, setText] = useState(list.join(', '));
  return (
    <input
      type="text"
      aria-label={label}
      placeholder={t('builder.commaList')}
      value={text}
      onChange={(event) => {
        setText(event.target.value);
        const parts = event.target.value
          .split(',')
          .map((part) => part.trim())
          .filter(Boolean);
        onChange(numeric ? parts.map(Number).filter(Number.isFinite) : parts);
      }}
    />
  );
}

/** The mall's customer groups (loaded from Cafe24) as options of `customer.grade`. */
function useGradeOptions(): Option[] {
  const { catalogue } = useEditor();
  return catalogue.grades.map((grade) => ({ value: grade.no, label: { ko: grade.name, en: grade.name } }));
}

/** One value input chosen from the fact: pickers for products, grades and tags, else by type. */
function SingleValue({
  fact,
  value,
  onChange,
  label,
}: {
  fact: FactDefinition;
  value: unknown;
  onChange: (value: unknown) => void;
  label: string;
}) {
  const { t, pick } = useI18n();
  const grades = useGradeOptions();
  if (PRODUCT_FACTS.has(fact.id)) {
    return (
      <ProductPicker
        field={fact.id === 'item.productNo' ? 'productNo' : 'productCode'}
        value={typeof value === 'number' || typeof value === 'string' ? value : ''}
        onChange={onChange}
        label={label}
      />
    );
  }
  if (fact.id === GRADE_FACT) {
    return (
      <select
        aria-label={label}
        value={typeof value === 'number' ? String(value) : ''}
        onChange={(event) => onChange(event.target.value === '' ? null : Number(event.target.value))}
      >
        <option value="">{t('builder.chooseGrade')}</option>
        {grades.map((grade) => (
          <option key={String(grade.value)} value={String(grade.value)}>
            {pick(grade.label)}
          </option>
        ))}
      </select>
    );
  }
  if (fact.id === TAGS_FACT) {
    return (
      <>
        <input
          type="text"
          aria-label={label}
          list="passwing-tags"
          value={typeof value === 'string' ? value : ''}
          onChange={(event) => onChange(event.target.value.trim())}
        />
        <datalist id="passwing-tags">
          {[...new Set([...PRESET_TAGS, ...(fact.options ?? []).map((option) => String(option.value))])].map(
            (tag) => (
              <option key={tag} value={tag} />
            ),
          )}
        </datalist>
      </>
    );
  }
  switch (fact.type) {
    case 'won':
      return <WonInput value={value} onChange={onChange} label={label} />;
    case 'int':
      return (
        <input
          type="number"
          aria-label={label}
          min={fact.min}
          max={fact.max}
          value={typeof value === 'number' ? value : ''}
          onChange={(event) => onChange(event.target.value === '' ? null : Number(event.target.value))}
        />
      );
    case 'bool':
      return (
        <select
          aria-label={label}
          value={String(value)}
          onChange={(event) => onChange(event.target.value === 'true')}
        >
          <option value="true">{t('builder.yes')}</option>
          <option value="false">{t('builder.no')}</option>
        </select>
      );
    case 'date':
      return (
        <input
          type="date"
          aria-label={label}
          value={typeof value === 'string' ? value : ''}
          onChange={(event) => onChange(event.target.value)}
        />
      );
    case 'datetime':
      return (
        <input
          type="datetime-local"
          aria-label={label}
          value={typeof value === 'string' ? value : ''}
          onChange={(event) => onChange(event.target.value)}
        />
      );
    case 'time':
      return (
        <input
          type="time"
          aria-label={label}
          value={typeof value === 'string' ? value : ''}
          onChange={(event) => onChange(event.target.value)}
        />
      );
    default: {
      const options = fact.options ?? [];
      if (options.length > 0 && !fact.openOptions) {
        return (
          <select
            aria-label={label}
            value={String(value ?? '')}
            onChange={(event) =>
              onChange(
                options.find((option) => String(option.value) === event.target.value)?.value ??
                  event.target.value,
              )
            }
          >
            {options.map((option) => (
              <option key={String(option.value)} value={String(option.value)}>
                {pick(option.label)}
              </option>
            ))}
          </select>
        );
      }
      const listId = `options-${fact.id}`;
      return (
        <>
          <input
            type="text"
            aria-label={label}
            list={options.length ? listId : undefined}
            maxLength={fact.type === 'country' ? 2 : undefined}
            value={typeof value === 'string' ? value : ''}
            onChange={(event) =>
              onChange(fact.type === 'country' ? event.target.value.toUpperCase() : event.target.value)
            }
          />
          {options.length > 0 && (
            <datalist id={listId}>
              {options.map((option) => (
                <option key={String(option.value)} value={String(option.value)}>
                  {pick(option.label)}
                </option>
              ))}
            </datalist>
          )}
        </>
      );
    }
  }
}

/**
 * The value part of a comparison, shaped by the fact and operator: nothing for "is empty", two
 * inputs for "between", chips or a list for "in".
 */
export function ValueInput({
  fact,
  op,
  value,
  onChange,
}: {
  fact: FactDefinition;
  op: Operator;
  value: unknown;
  onChange: (value: unknown) => void;
}) {
  const { t, pick } = useI18n();
  const grades = useGradeOptions();
  const label = `${pick(fact.label)} ${t('builder.value')}`;
  if (VALUELESS.has(op)) return null;
  if (op === 'between') {
    const pair = Array.isArray(value) ? value : [undefined, undefined];
    return (
      <span className="between">
        <SingleValue
          fact={fact}
          value={pair[0]}
          onChange={(next) => onChange([next, pair[1]])}
          label={`${label} ${t('builder.min')}`}
        />
        <span aria-hidden="true">~</span>
        <SingleValue
          fact={fact}
          value={pair[1]}
          onChange={(next) => onChange([pair[0], next])}
          label={`${label} ${t('builder.max')}`}
        />
      </span>
    );
  }
  if (LIST_OPERATORS.has(op)) {
    const options = fact.id === GRADE_FACT ? grades : (fact.options ?? []);
    if (options.length > 0 && !fact.openOptions) {
      return <MultiPick options={options} value={value} onChange={onChange} label={label} />;
    }
    return (
      <ListText
        value={value}
        onChange={onChange}
        label={label}
        numeric={fact.type === 'int' || fact.type === 'won'}
      />
    );
  }
  return <SingleValue fact={fact} value={value} onChange={onChange} label={label} />;
}
