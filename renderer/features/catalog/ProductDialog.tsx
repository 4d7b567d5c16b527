/**
 * Create or edit a product. The form keeps the text as typed ("12,50") and
 * checks it on Save: a refusal shows the reason next to each field and keeps
 * everything typed. After the first refused Save, the messages follow the
 * typing, so a fixed field stops being red at once.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { recipeCostInput } from '../../../shared/costing';
import { formatAmount, formatQuantity, formatRate } from '../../../shared/format';
import { parseMoney, VAT_RATES } from '../../../shared/money';
import { costingSettings, fractionalUnits, units, type Material, type Member, type Product } from '../../../shared/schemas';
import { useApp } from '../../app-context';
import { saveProduct } from '../../db/catalog';
import { StockError } from '../../db/stock';
import { messages } from '../../ui/checked';
import { Banner, Button, Dialog, Field, PictureView } from '../../ui/components';
import { DialogActions } from '../../ui/DialogActions';
import { MemberPicker } from '../../ui/MemberPicker';
import { SuffixInput } from '../../ui/SuffixInput';
import { unitLabel } from '../../ui/units';
import { CostPanel, PriceVerdict } from './CostPanel';
import { checkProduct, emptyProductDraft, productDraftFrom, recipeFromDraft, type PictureKind, type ProductDraft } from './drafts';
import { EMOJI_SUGGESTIONS } from './palette';
import { Choices, ColorPalette, GroupField, PhotoPicker, useRevealFirstError } from './pickers';

const UNIT_ICONS = { piece: '🧩', metre: '📏', kg: '⚖️', portion: '🍽️' } as const;
const PICTURE_ICONS = { emoji: '😀', image: '📷', none: '⬜' } as const;
const PICTURE_LABELS = { emoji: 'catalog.pictureEmoji', image: 'catalog.pictureImage', none: 'catalog.pictureNone' } as const;

export function ProductDialog({
  product,
  stockLevel,
  categories,
  newColor,
  onClose,
}: {
  /** null for a new product. */
  product: Product | null;
  stockLevel: number | undefined;
  categories: readonly string[];
  newColor: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { db, members, coop } = useApp();
  const settings = costingSettings(coop);
  const allMaterials = useLiveQuery(() => db.materials.toArray(), [db]);
  const materialById = useMemo(() => new Map((allMaterials ?? []).map((m) => [m.id, m])), [allMaterials]);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [draft, setDraft] = useState<ProductDraft>(() => (product ? productDraftFrom(product, stockLevel) : emptyProductDraft(newColor)));
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  useRevealFirstError(formRef, attempt);

  const update = (patch: Partial<ProductDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const checked = attempt > 0 ? checkProduct(draft) : null;
  const errors = messages(checked, t);
  const fractional = fractionalUnits.includes(draft.unit);
  const unitWord = unitLabel(t, draft.unit);

  // Active members, plus any archived maker already chosen (so she is not dropped silently).
  const makers: Member[] = members.filter((m) => !m.archived || draft.makerIds.includes(m.id));
  const toggleMaker = (id: string) =>
    setDraft((d) => ({ ...d, makerIds: d.makerIds.includes(id) ? d.makerIds.filter((m) => m !== id) : [...d.makerIds, id] }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    const result = checkProduct(draft);
    setAttempt((n) => n + 1);
    if (!result.ok) return;
    setBusy(true);
    setFailed(false);
    setRefusal(null);
    try {
      await saveProduct(db, result.value, product?.id);
      onClose();
    } catch (error) {
      if (error instanceof StockError) setRefusal(t(error.key, error.params));
      else {
        console.error(error);
        setFailed(true);
      }
      setBusy(false);
    }
  };

  // The panel follows the typing: lines not readable yet count as nothing.
  const priceCents = parseMoney(draft.price.trim());
  const { recipe } = recipeFromDraft(draft);
  const readable = {
    lines: recipe.lines.filter((l) => Number.isSafeInteger(l.quantity) && l.quantity >= 0),
    labourMinutes: Number.isSafeInteger(recipe.labourMinutes) && recipe.labourMinutes >= 0 ? recipe.labourMinutes : 0,
    hourlyRate: recipe.hourlyRate !== undefined && Number.isSafeInteger(recipe.hourlyRate) && recipe.hourlyRate >= 0 ? recipe.hourlyRate : undefined,
  };
  const costInput = priceCents !== null && priceCents > 0 ? recipeCostInput({ price: priceCents, vatRate: draft.vatRate }, readable, materialById, settings) : null;
  // Live materials, plus an archived one already in the recipe (shown, marked, and refused on Save).
  const materialChoices: Material[] = (allMaterials ?? [])
    .filter((m) => !m.archived || draft.recipeLines.some((l) => l.materialId === m.id))
    .sort((a, b) => a.name.localeCompare(b.name, 'fr'));
  const setLine = (i: number, patch: Partial<ProductDraft['recipeLines'][number]>) =>
    setDraft((d) => ({ ...d, recipeLines: d.recipeLines.map((l, j) => (j === i ? { ...l, ...patch } : l)) }));

  const previewPicture =
    draft.pictureKind === 'emoji' && draft.emoji.trim()
      ? ({ kind: 'emoji', value: draft.emoji.trim() } as const)
      : draft.pictureKind === 'image' && draft.image
        ? ({ kind: 'image', value: draft.image } as const)
        : ({ kind: 'none' } as const);

  return (
    <Dialog title={product ? t('catalog.editProduct') : t('catalog.newProduct')} onClose={onClose} testId="product-dialog" wide>
      <form ref={formRef} className="cat-form" onSubmit={(e) => void submit(e)} noValidate>
        <div className="cat-form-columns">
          <div className="cat-form-column">
            <div className="cat-name-row">
              <span className="cat-preview">
                <PictureView picture={previewPicture} color={draft.color} />
              </span>
              <Field label={t('catalog.name')} error={errors.name}>
                {(id) => (
                  <input id={id} value={draft.name} onChange={(e) => update({ name: e.target.value })} autoComplete="off" maxLength={100} data-testid="product-name" />
                )}
              </Field>
            </div>

            <GroupField label={t('catalog.picture')} error={errors.picture ?? errors['picture.value']}>
              <Choices<PictureKind>
                options={(['emoji', 'image', 'none'] as const).map((k) => ({
                  value: k,
                  label: (
                    <>
                      <span aria-hidden="true">{PICTURE_ICONS[k]}</span> {t(PICTURE_LABELS[k])}
                    </>
                  ),
                }))}
                value={draft.pictureKind}
                onChange={(pictureKind) => update({ pictureKind })}
                testIdPrefix="product-picture"
              />
              {draft.pictureKind === 'emoji' ? (
                <div className="emoji-picker">
                  <input
                    className="emoji-input"
                    value={draft.emoji}
                    onChange={(e) => update({ emoji: e.target.value })}
                    aria-label={t('catalog.emojiInput')}
                    maxLength={16}
                    data-testid="product-emoji"
                  />
                  <div className="emoji-grid" role="group" aria-label={t('catalog.emojiSuggestions')}>
                    {EMOJI_SUGGESTIONS.map((emoji) => (
                      <button
                        key={emoji}
                        type="button"
                        className={draft.emoji.trim() === emoji ? 'emoji-choice emoji-choice-active' : 'emoji-choice'}
                        aria-pressed={draft.emoji.trim() === emoji}
                        onClick={() => update({ emoji })}
                        data-testid={`emoji-${emoji}`}
                      >
                        {emoji}
                      </button>
                    ))}
                  </div>
                </div>
              ) : null}
              {draft.pictureKind === 'image' ? <PhotoPicker value={draft.image} onChange={(image) => update({ image })} testId="product-image" /> : null}
            </GroupField>

            <GroupField label={t('catalog.color')} error={errors.color}>
              <ColorPalette value={draft.color} onChange={(color) => update({ color })} testIdPrefix="product-color" />
            </GroupField>

            <Field label={t('catalog.optional', { label: t('catalog.category') })} error={errors.category} hint={t('catalog.categoryHint')}>
              {(id) => (
                <>
                  <input
                    id={id}
                    list={`${id}-list`}
                    value={draft.category}
                    onChange={(e) => update({ category: e.target.value })}
                    autoComplete="off"
                    maxLength={60}
                    data-testid="product-category"
                  />
                  <datalist id={`${id}-list`}>
                    {categories.map((c) => (
                      <option key={c} value={c} />
                    ))}
                  </datalist>
                </>
              )}
            </Field>
          </div>

          <div className="cat-form-column">
            <GroupField label={t('catalog.unit')} error={errors.unit}>
              <Choices
                options={units.map((u) => ({
                  value: u,
                  label: (
                    <>
                      <span aria-hidden="true">{UNIT_ICONS[u]}</span> {t(`units.${u}Long`)}
                    </>
                  ),
                }))}
                value={draft.unit}
                onChange={(unit) => update({ unit })}
                testIdPrefix="product-unit"
              />
            </GroupField>

            <Field label={t('catalog.price')} error={errors.price} hint={t('catalog.priceHint')}>
              {(id) => (
                <SuffixInput
                  id={id}
                  kind="money"
                  value={draft.price}
                  onChange={(price) => update({ price })}
                  autoComplete="off"
                  suffix={t('catalog.perUnit', { unit: unitWord })}
                  testId="product-price"
                />
              )}
            </Field>
            {costInput && (costInput.materials.length > 0 || costInput.labourMinutes > 0) ? (
              <PriceVerdict input={costInput} unit={draft.unit} thinMarginBp={settings.thinMarginBp} />
            ) : null}

            <GroupField
              label={t('catalog.vatRate')}
              error={errors.vatRate}
              hint={t('catalog.vatHint', { craft: formatRate(2000), service: formatRate(1000), food: formatRate(550) })}
            >
              <Choices
                options={VAT_RATES.map((rate) => ({
                  value: rate,
                  // Figures stay French (LTR) inside a right-to-left interface.
                  label: <bdi dir="ltr">{formatRate(rate)}</bdi>,
                }))}
                value={draft.vatRate}
                onChange={(vatRate) => update({ vatRate })}
                testIdPrefix="product-vat"
                compact
              />
            </GroupField>

            <GroupField label={t('catalog.makers')} error={errors.makerIds} hint={makers.length > 0 ? t('catalog.makersHint') : t('catalog.noMembers')}>
              <MemberPicker members={makers} value={draft.makerIds} onPick={toggleMaker} testIdPrefix="maker" />
            </GroupField>

            <div className="stock-box">
              <label className="toggle" data-testid="product-track-stock">
                <input
                  type="checkbox"
                  checked={draft.trackStock}
                  onChange={(e) => {
                    const trackStock = e.target.checked;
                    // An existing product starts from its current level, so saving does not record a false count.
                    setDraft((d) => ({ ...d, trackStock, ...(trackStock && product && d.stock === '' ? { stock: formatQuantity(stockLevel ?? 0) } : {}) }));
                  }}
                />
                <span className="toggle-track" aria-hidden="true" />
                <span>{t('catalog.trackStock')}</span>
              </label>
              {draft.trackStock ? (
                <Field label={t('catalog.stockQuantity')} error={errors.stock} hint={product ? t('catalog.stockHintEdit') : t('catalog.stockHintNew')}>
                  {(id) => (
                    <SuffixInput
                      id={id}
                      kind="quantity"
                      value={draft.stock}
                      onChange={(stock) => update({ stock })}
                      inputMode={fractional ? 'decimal' : 'numeric'}
                      autoComplete="off"
                      suffix={unitLabel(t, draft.unit, 2000)}
                      testId="product-stock"
                    />
                  )}
                </Field>
              ) : null}
              {draft.trackStock ? (
                <Field label={t('catalog.optional', { label: t('catalog.lowStock') })} error={errors.lowStock} hint={t('catalog.lowStockHint')}>
                  {(id) => (
                    <SuffixInput
                      id={id}
                      kind="quantity"
                      value={draft.lowStock}
                      onChange={(lowStock) => update({ lowStock })}
                      autoComplete="off"
                      suffix={unitLabel(t, draft.unit, 2000)}
                      testId="product-low-stock"
                    />
                  )}
                </Field>
              ) : null}
            </div>
          </div>
        </div>

        <section className="recipe-section" data-testid="recipe-section">
          <div className="recipe-form">
            <h3>
              <span aria-hidden="true">🧵</span> {t('catalog.recipe.title', { per: t(`catalog.cost.per.${draft.unit}`) })}
            </h3>
            {draft.recipeLines.length === 0 ? <p className="field-hint">{t('catalog.recipe.empty')}</p> : null}
            <ul className="recipe-lines">
              {draft.recipeLines.map((line, i) => {
                const material = materialById.get(line.materialId);
                const lineError = errors[`recipe.lines.${i}.quantity`] ?? errors[`recipe.lines.${i}.materialId`];
                return (
                  <li key={i} className={lineError || material?.archived ? 'recipe-line field-error' : 'recipe-line'} data-testid={`recipe-line-${i}`}>
                    <select
                      value={line.materialId}
                      onChange={(e) => setLine(i, { materialId: e.target.value })}
                      aria-label={t('catalog.recipe.material')}
                      data-testid={`recipe-material-${i}`}
                    >
                      <option value="">{t('catalog.recipe.chooseMaterial')}</option>
                      {materialChoices.map((m) => (
                        <option key={m.id} value={m.id}>
                          {m.archived ? `${m.name} (${t('catalog.archivedTag')})` : m.name}
                        </option>
                      ))}
                    </select>
                    <span className="input-with-suffix">
                      <input
                        className="input-quantity"
                        dir="ltr"
                        value={line.quantity}
                        onChange={(e) => setLine(i, { quantity: e.target.value })}
                        inputMode="decimal"
                        aria-label={t('catalog.recipe.quantity')}
                        data-testid={`recipe-quantity-${i}`}
                      />
                      <span className="input-suffix">{material ? unitLabel(t, material.unit, 2000) : ''}</span>
                    </span>
                    <Button
                      variant="ghost"
                      onClick={() => setDraft((d) => ({ ...d, recipeLines: d.recipeLines.filter((_, j) => j !== i) }))}
                      ariaLabel={t('catalog.recipe.remove')}
                      testId={`recipe-remove-${i}`}
                    >
                      🗑️
                    </Button>
                    {lineError ? (
                      <p className="field-message" role="alert">
                        ⚠ {lineError}
                      </p>
                    ) : material?.archived ? (
                      <p className="field-message">⚠ {t('err.recipeArchivedMaterial', { name: material.name })}</p>
                    ) : null}
                  </li>
                );
              })}
            </ul>
            <Button onClick={() => update({ recipeLines: [...draft.recipeLines, { materialId: '', quantity: '' }] })} testId="recipe-add">
              <span aria-hidden="true">➕</span> {t('catalog.recipe.add')}
            </Button>
            {(allMaterials ?? []).length === 0 ? <p className="field-hint">{t('catalog.recipe.noMaterials')}</p> : null}
            <div className="recipe-labour">
              <Field label={t('catalog.recipe.minutes')} error={errors['recipe.labourMinutes']}>
                {(id) => (
                  <SuffixInput id={id} kind="quantity" value={draft.labourMinutes} onChange={(labourMinutes) => update({ labourMinutes })} inputMode="numeric" suffix="min" testId="recipe-minutes" />
                )}
              </Field>
              <Field
                label={t('catalog.recipe.hourlyRate')}
                error={errors['recipe.hourlyRate']}
                hint={t('catalog.recipe.hourlyRateHint', { rate: formatAmount(settings.hourlyRate) })}
              >
                {(id) => (
                  <SuffixInput
                    id={id}
                    kind="money"
                    value={draft.hourlyRate}
                    onChange={(hourlyRate) => update({ hourlyRate })}
                    placeholder={formatAmount(settings.hourlyRate)}
                    suffix="€/h"
                    testId="recipe-hourly-rate"
                  />
                )}
              </Field>
            </div>
          </div>
          <CostPanel
            input={costInput}
            unit={draft.unit}
            thinMarginBp={settings.thinMarginBp}
            targetMarginBp={settings.targetMarginBp}
            onUsePrice={(cents) => update({ price: formatAmount(cents) })}
          />
        </section>

        {refusal ? (
          <Banner kind="error" testId="product-refused">
            {refusal}
          </Banner>
        ) : null}
        {failed ? (
          <Banner kind="error" testId="product-save-error">
            {t('catalog.saveError')}
          </Banner>
        ) : null}
        <DialogActions onCancel={onClose} busy={busy} testIdPrefix="product" />
      </form>
    </Dialog>
  );
}
