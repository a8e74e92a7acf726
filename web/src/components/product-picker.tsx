import { useEffect, useId, useState } from 'react';
import type { ProductsResponse } from '../../../src/server/api-contract.js';
import { api, query } from '../lib/api.js';
import { useI18n } from '../lib/i18n.js';

/**
 * Product search for conditions on `item.productNo` / `item.productCode`: type a name or code, pick
 * from the catalogue. The chosen value is the product number or code.
 */
export function ProductPicker({
  value,
  onChange,
  field,
  label,
}: {
  value: string | number;
  onChange: (value: string | number) => void;
  field: 'productNo' | 'productCode';
  label: string;
}) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [results, setResults] = useState<ProductsResponse['products']>([]);
  const [open, setOpen] = useState(false);
  const listId = useId();

  useEffect(() => {
    if (!open || text.trim().length < 1) return;
    const timer = window.setTimeout(() => {
      api<ProductsResponse>('GET', `/api/products${query({ q: text.trim(), limit: 8 })}`)
        .then((response) => setResults(response.products))
        .catch(() => setResults([]));
    }, 250);
    return () => window.clearTimeout(timer);
  }, [text, open]);

  return (
    <div className="product-picker">
      <input
        type="search"
        role="combobox"
        aria-expanded={open && results.length > 0}
        aria-controls={listId}
        aria-label={label}
        placeholder={
          value !== '' && value !== 0
            ? `${t('builder.selectedProduct')}: ${value}`
            : t('builder.searchProduct')
        }
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          setOpen(true);
        }}
        onKeyDown={(event) => {
          if (event.key === 'Escape') setOpen(false);
        }}
      />
      {value !== '' && value !== 0 && <span className="badge badge-blue">{String(value)}</span>}
      {open && results.length > 0 && (
        <ul className="picker-list" id={listId} role="listbox">
          {results.map((product) => (
            <li
              key={product.productNo}
              role="option"
              aria-selected={value === (field === 'productNo' ? product.productNo : product.productCode)}
            >
              <button
                type="button"
                onClick={() => {
                  onChange(field === 'productNo' ? product.productNo : product.productCode);
                  setText('');
                  setOpen(false);
                }}
              >
                <strong>{product.name}</strong>
                <span className="muted small">
                  #{product.productNo} · {product.productCode}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
