import type { TemplateParam } from '../../../src/server/api-contract.js';
import { useI18n } from '../lib/i18n.js';
import { WonInput } from './value-input.js';

const ZONES = ['JEJU', 'REMOTE', 'MAINLAND'] as const;

/** A template parameter's input, chosen from its type. */
export function ParamInput({
  param,
  value,
  onChange,
  id,
}: {
  param: TemplateParam;
  value: unknown;
  onChange: (value: unknown) => void;
  id: string;
}) {
  const { t } = useI18n();
  switch (param.type) {
    case 'won':
      return <WonInput id={id} value={value} onChange={onChange} />;
    case 'int':
    case 'minutes':
    case 'days':
      return (
        <span className="won-input">
          <input
            id={id}
            type="number"
            min={0}
            value={typeof value === 'number' ? value : ''}
            onChange={(event) => onChange(event.target.value === '' ? undefined : Number(event.target.value))}
          />
          {param.type !== 'int' && (
            <span className="unit">{t(param.type === 'minutes' ? 'unit.minutes' : 'unit.days')}</span>
          )}
        </span>
      );
    case 'zones': {
      const selected = Array.isArray(value) ? value : [];
      return (
        <div className="chips" role="group" id={id}>
          {ZONES.map((zone) => {
            const on = selected.includes(zone);
            return (
              <button
                key={zone}
                type="button"
                className={`chip ${on ? 'chip-on' : ''}`}
                aria-pressed={on}
                onClick={() => onChange(on ? selected.filter((one) => one !== zone) : [...selected, zone])}
              >
                {t(`zone.${zone}`)}
              </button>
            );
          })}
        </div>
      );
    }
    case 'tags':
    case 'products':
      return (
        <input
          id={id}
          type="text"
          placeholder={t('builder.commaList')}
          value={Array.isArray(value) ? value.join(', ') : ''}
          onChange={(event) => {
            const parts = event.target.value
              .split(',')
              .map((part) => part.trim())
              .filter(Boolean);
            onChange(
              param.type === 'products'
                ? parts.map((part) => (/^\d+$/.test(part) ? Number(part) : part))
                : parts,
            );
          }}
        />
      );
    case 'time':
      return (
        <input
          id={id}
          type="time"
          value={typeof value === 'string' ? value : ''}
          onChange={(event) => onChange(event.target.value)}
        />
      );
    case 'date':
      return (
        <input
          id={id}
          type="date"
          value={typeof value === 'string' ? value : ''}
          onChange={(event) => onChange(event.target.value)}
        />
      );
    case 'datetime':
      return (
        <input
          id={id}
          type="datetime-local"
          value={typeof value === 'string' ? value : ''}
          onChange={(event) => onChange(event.target.value)}
        />
      );
    default:
      return (
        <input
          id={id}
          type="text"
          value={typeof value === 'string' ? value : ''}
          onChange={(event) => onChange(event.target.value)}
        />
      );
  }
}
