/**
 * Who orders: pick a customer already known (reused across orders) or add a
 * new one without leaving the order. The customer form is checked by its
 * zod schema, with the reason right under the field.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo, useRef, useState, type FormEvent } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import type { Customer } from '../../../shared/schemas';
import { useApp } from '../../app-context';
import { OrderError, saveCustomer } from '../../db/orders';
import { messages } from '../../ui/checked';
import { Banner, Button, Dialog, Field } from '../../ui/components';
import { useRevealFirstError } from '../catalog/pickers';
import { searchKey } from '../checkout/ProductGrid';
import { checkCustomer, customerDraftFrom, customerLabel, emptyCustomerDraft, type CustomerDraft } from './drafts';

export function CustomerPicker({ value, onChange, error }: { value: string; onChange: (customerId: string) => void; error?: string | undefined }) {
  const { t } = useTranslation();
  const { db } = useApp();
  const customers = useLiveQuery(() => db.customers.toArray(), [db]);
  const [query, setQuery] = useState('');
  const [editing, setEditing] = useState<Customer | 'new' | null>(null);
  const chosen = customers?.find((c) => c.id === value);
  const shown = useMemo(() => {
    const q = searchKey(query.trim());
    return (customers ?? [])
      .filter((c) => !c.archived)
      .filter((c) => !q || searchKey(`${c.name} ${c.organisation} ${c.phone} ${c.email}`).includes(q))
      .sort((a, b) => a.name.localeCompare(b.name, 'fr'));
  }, [customers, query]);

  return (
    <fieldset className={error ? 'field group-field field-error order-customer' : 'field group-field order-customer'} data-testid="order-customer">
      <legend>
        <span aria-hidden="true">👤</span> {t('orders.customer')}
      </legend>
      {chosen ? (
        <div className="customer-chosen" data-testid="customer-chosen">
          <span className="customer-chosen-text">
            <strong>{customerLabel(chosen)}</strong>
            <span className="muted">{[chosen.phone, chosen.email, chosen.billingAddress].filter(Boolean).join(' · ')}</span>
          </span>
          <Button onClick={() => setEditing(chosen)} testId="customer-edit">
            ✏️ {t('common.edit')}
          </Button>
          <Button variant="ghost" onClick={() => onChange('')} testId="customer-change">
            🔁 {t('orders.otherCustomer')}
          </Button>
        </div>
      ) : (
        <>
          <div className="customer-search-row">
            {(customers?.length ?? 0) > 0 ? (
              <input type="search" placeholder={`🔎 ${t('orders.findCustomer')}`} value={query} onChange={(e) => setQuery(e.target.value)} aria-label={t('orders.findCustomer')} data-testid="customer-search" />
            ) : null}
            <Button variant="primary" size="large" onClick={() => setEditing('new')} testId="customer-new">
              <span aria-hidden="true">➕</span> {t('orders.newCustomer')}
            </Button>
          </div>
          {shown.length > 0 ? (
            <div className="chips customer-list">
              {shown.slice(0, 12).map((c) => (
                <button key={c.id} type="button" className="chip customer-chip" onClick={() => onChange(c.id)} data-testid={`customer-pick-${c.name}`}>
                  👤 {customerLabel(c)}
                </button>
              ))}
            </div>
          ) : null}
        </>
      )}
      {error ? (
        <p className="field-message" role="alert">
          ⚠ {error}
        </p>
      ) : null}
      {editing ? (
        <CustomerDialog
          customer={editing === 'new' ? undefined : editing}
          onClose={() => setEditing(null)}
          onSaved={(c) => {
            setEditing(null);
            onChange(c.id);
          }}
        />
      ) : null}
    </fieldset>
  );
}

const FIELDS = [
  { key: 'name', icon: '👤', required: true },
  { key: 'organisation', icon: '🏢' },
  { key: 'phone', icon: '📞', inputMode: 'tel' },
  { key: 'email', icon: '✉️', inputMode: 'email' },
  { key: 'billingAddress', icon: '🏠', multiline: true },
  { key: 'siret', icon: '🔢', inputMode: 'numeric' },
  { key: 'vatNumber', icon: '🇪🇺' },
] as const;

export function CustomerDialog({ customer, onClose, onSaved }: { customer?: Customer | undefined; onClose: () => void; onSaved: (customer: Customer) => void }) {
  const { t } = useTranslation();
  const { db } = useApp();
  const [draft, setDraft] = useState<CustomerDraft>(() => (customer ? customerDraftFrom(customer) : emptyCustomerDraft()));
  const [attempt, setAttempt] = useState(0);
  const [failed, setFailed] = useState<string | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  useRevealFirstError(formRef, attempt);
  const errors = messages(attempt > 0 ? checkCustomer(draft) : null, t);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    // The dialog opens from inside the order form: its submit is its own.
    e.stopPropagation();
    const result = checkCustomer(draft);
    setAttempt((n) => n + 1);
    if (!result.ok) return;
    try {
      onSaved(await saveCustomer(db, result.value, customer?.id));
    } catch (error) {
      console.error(error);
      setFailed(error instanceof OrderError ? t(error.key, error.params) : t('orders.saveError'));
    }
  };

  // Portalled out of the order form, so the two forms never nest in the page.
  return createPortal(
    <Dialog title={customer ? t('orders.editCustomer') : t('orders.newCustomer')} onClose={onClose} testId="customer-dialog">
      <form ref={formRef} onSubmit={(e) => void submit(e)} noValidate>
        {FIELDS.map((f) => (
          <Field
            key={f.key}
            label={`${f.icon} ${'required' in f ? t(`orders.customerField.${f.key}`) : t('catalog.optional', { label: t(`orders.customerField.${f.key}`) })}`}
            error={errors[f.key]}
            {...(f.key === 'siret' || f.key === 'vatNumber' ? { hint: t(`orders.customerField.${f.key}Hint`) } : {})}
          >
            {(id) =>
              'multiline' in f ? (
                <textarea id={id} rows={2} value={draft[f.key]} onChange={(e) => setDraft((d) => ({ ...d, [f.key]: e.target.value }))} data-testid={`customer-${f.key}`} />
              ) : (
                <input
                  id={id}
                  value={draft[f.key]}
                  onChange={(e) => setDraft((d) => ({ ...d, [f.key]: e.target.value }))}
                  autoComplete="off"
                  {...('inputMode' in f ? { inputMode: f.inputMode } : {})}
                  data-testid={`customer-${f.key}`}
                />
              )
            }
          </Field>
        ))}
        {failed ? <Banner kind="error">{failed}</Banner> : null}
        <div className="actions">
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button variant="primary" size="large" type="submit" testId="customer-save">
            ✓ {t('common.save')}
          </Button>
        </div>
      </form>
    </Dialog>,
    document.body,
  );
}
