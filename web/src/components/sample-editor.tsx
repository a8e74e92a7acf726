import type { OrderFacts } from '../../../src/domain/order-facts.js';
import { withTimeOfDay } from '../lib/sample-facts.js';
import { useI18n } from '../lib/i18n.js';
import { WonInput } from './value-input.js';
import { Field } from './ui.js';

const pad = (value: number): string => String(value).padStart(2, '0');

/** Edits the facts of a sample order that rules most often look at. */
export function SampleEditor({
  facts,
  onChange,
}: {
  facts: OrderFacts;
  onChange: (facts: OrderFacts) => void;
}) {
  const { t } = useI18n();
  const order = (patch: Partial<OrderFacts['order']>): void =>
    onChange({ ...facts, order: { ...facts.order, ...patch } });
  const customer = (patch: Partial<OrderFacts['customer']>): void =>
    onChange({ ...facts, customer: { ...facts.customer, ...patch } });
  const shipping = (patch: Partial<OrderFacts['shipping']>): void =>
    onChange({ ...facts, shipping: { ...facts.shipping, ...patch } });
  return (
    <div className="sample-editor">
      <div className="form-grid form-grid-3">
        <Field label={t('sample.productAmount')}>
          {(props) => (
            <WonInput
              id={props.id}
              value={facts.order.productAmount}
              onChange={(value) => order({ productAmount: value ?? 0 })}
            />
          )}
        </Field>
        <Field label={t('sample.paymentAmount')}>
          {(props) => (
            <WonInput
              id={props.id}
              value={facts.order.paymentAmount}
              onChange={(value) => order({ paymentAmount: value ?? 0 })}
            />
          )}
        </Field>
        <Field label={t('sample.time')} hint={t('builder.kst')}>
          {(props) => (
            <input
              type="time"
              {...props}
              value={`${pad(facts.order.hour)}:${pad(facts.order.minuteOfDay % 60)}`}
              onChange={(event) => onChange(withTimeOfDay(facts, event.target.value))}
            />
          )}
        </Field>
        <Field label={t('sample.zone')}>
          {(props) => (
            <select
              {...props}
              value={facts.shipping.zone}
              onChange={(event) => shipping({ zone: event.target.value as OrderFacts['shipping']['zone'] })}
            >
              {(['MAINLAND', 'JEJU', 'REMOTE'] as const).map((zone) => (
                <option key={zone} value={zone}>
                  {t(`zone.${zone}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('sample.zip')}>
          {(props) => (
            <input
              type="text"
              inputMode="numeric"
              maxLength={5}
              {...props}
              value={facts.shipping.zip ?? ''}
              onChange={(event) => shipping({ zip: event.target.value || null })}
            />
          )}
        </Field>
        <Field label={t('sample.payment')}>
          {(props) => (
            <select
              {...props}
              value={facts.order.paymentMethods[0] ?? 'card'}
              onChange={(event) => order({ paymentMethods: [event.target.value] })}
            >
              {['card', 'cash', 'icash', 'tcash', 'cell', 'point'].map((method) => (
                <option key={method} value={method}>
                  {t(`payment.${method}` as 'payment.card')}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('sample.paid')}>
          {(props) => (
            <select
              {...props}
              value={facts.order.paid}
              onChange={(event) => order({ paid: event.target.value as 'T' | 'F' | 'M' })}
            >
              <option value="T">{t('paid.T')}</option>
              <option value="F">{t('paid.F')}</option>
              <option value="M">{t('paid.M')}</option>
            </select>
          )}
        </Field>
        <Field label={t('sample.customerKind')}>
          {(props) => (
            <select
              {...props}
              value={facts.customer.kind}
              onChange={(event) => customer({ kind: event.target.value as 'member' | 'guest' })}
            >
              <option value="member">{t('customer.member')}</option>
              <option value="guest">{t('customer.guest')}</option>
            </select>
          )}
        </Field>
        <Field label={t('sample.firstOrder')}>
          {(props) => (
            <select
              {...props}
              value={String(facts.customer.isFirstOrder)}
              onChange={(event) => customer({ isFirstOrder: event.target.value === 'true' })}
            >
              <option value="true">{t('builder.yes')}</option>
              <option value="false">{t('builder.no')}</option>
            </select>
          )}
        </Field>
        <Field label={t('sample.previousOrders')}>
          {(props) => (
            <input
              type="number"
              min={0}
              {...props}
              value={facts.customer.previousOrderCount}
              onChange={(event) => customer({ previousOrderCount: Number(event.target.value) })}
            />
          )}
        </Field>
        <Field label={t('sample.lifetime')}>
          {(props) => (
            <WonInput
              id={props.id}
              value={facts.customer.lifetimeAmount}
              onChange={(value) => customer({ lifetimeAmount: value ?? 0 })}
            />
          )}
        </Field>
        <Field label={t('sample.ipCountry')} hint={t('sample.ipHint')}>
          {(props) => (
            <input
              type="text"
              maxLength={2}
              {...props}
              value={facts.order.ipCountry ?? ''}
              onChange={(event) => {
                const country = event.target.value.toUpperCase() || null;
                order({
                  ipCountry: country,
                  isOverseasIp: country !== null && country.length === 2 && country !== 'KR',
                });
              }}
            />
          )}
        </Field>
      </div>
      <table className="table table-compact sample-items">
        <caption>{t('sample.items')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('sample.itemName')}</th>
            <th scope="col">{t('sample.itemTags')}</th>
            <th scope="col" className="num">
              {t('sample.itemPrice')}
            </th>
            <th scope="col" className="num">
              {t('sample.itemQty')}
            </th>
            <th scope="col" className="num">
              {t('sample.itemStock')}
            </th>
          </tr>
        </thead>
        <tbody>
          {facts.items.map((item, index) => {
            const set = (patch: Partial<typeof item>): void =>
              onChange({
                ...facts,
                items: facts.items.map((one, at) => (at === index ? { ...one, ...patch } : one)),
              });
            return (
              <tr key={item.itemCode}>
                <td>
                  <input
                    type="text"
                    aria-label={t('sample.itemName')}
                    value={item.name}
                    onChange={(event) => set({ name: event.target.value })}
                  />
                </td>
                <td>
                  <input
                    type="text"
                    aria-label={t('sample.itemTags')}
                    value={item.tags.join(', ')}
                    onChange={(event) =>
                      set({
                        tags: event.target.value
                          .split(',')
                          .map((tag) => tag.trim())
                          .filter(Boolean),
                      })
                    }
                  />
                </td>
                <td className="num">
                  <WonInput
                    label={t('sample.itemPrice')}
                    value={item.price}
                    onChange={(value) => set({ price: value ?? 0 })}
                  />
                </td>
                <td className="num">
                  <input
                    type="number"
                    min={0}
                    aria-label={t('sample.itemQty')}
                    value={item.quantity}
                    onChange={(event) => set({ quantity: Number(event.target.value) })}
                  />
                </td>
                <td className="num">
                  <input
                    type="number"
                    aria-label={t('sample.itemStock')}
                    value={item.stock ?? ''}
                    onChange={(event) =>
                      set({ stock: event.target.value === '' ? null : Number(event.target.value) })
                    }
                  />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
