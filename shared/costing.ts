/**
 * Cost price and margin of a product (DOMAIN.md, "Cost price"): the
 * arithmetic that tells a group, before it sells, whether a price loses
 * money. All in integer cents; rounding is explicit at each step.
 */
import { htFromTtc, mulDivRound, type BasisPoints, type Cents, type Milli } from './money';

export type RecipeLine = {
  /** Quantity of material per unit sold, in thousandths of the material's unit. */
  quantity: Milli;
  /** What the group pays per unit of material, incl. VAT (0 for donated offcuts). */
  unitCostTtc: Cents;
  /** VAT rate on that purchase: the CAE recovers it, so only the excl.-VAT cost counts. */
  vatRate: BasisPoints;
};

export type CostInput = {
  /** Selling price incl. VAT, per unit. */
  price: Cents;
  vatRate: BasisPoints;
  materials: readonly RecipeLine[];
  labourMinutes: number;
  /** The group's agreed hourly rate for its labour, in cents. */
  hourlyRate: Cents;
  /** The CAE's contribution on turnover excl. VAT. */
  contributionBp: BasisPoints;
};

export type MarginStatus = 'loss' | 'thin' | 'ok';

export type CostBreakdown = {
  materials: Cents;
  labour: Cents;
  /** materials + labour */
  cost: Cents;
  priceHt: Cents;
  contribution: Cents;
  margin: Cents;
  /** margin / price excl. VAT, in basis points (may be negative). */
  marginBp: BasisPoints;
};

/** Excl.-VAT cost of one recipe line: quantity × unit cost incl. VAT ÷ (1 + rate), rounded once. */
export function materialCost(line: RecipeLine): Cents {
  return mulDivRound(line.quantity, line.unitCostTtc * 10, 10000 + line.vatRate);
}

export function costBreakdown(input: CostInput): CostBreakdown {
  const materials = input.materials.reduce((sum, line) => sum + materialCost(line), 0);
  const labour = mulDivRound(input.labourMinutes, input.hourlyRate, 60);
  const cost = materials + labour;
  const priceHt = htFromTtc(input.price, input.vatRate);
  const contribution = mulDivRound(priceHt, input.contributionBp, 10000);
  const margin = priceHt - cost - contribution;
  return {
    materials,
    labour,
    cost,
    priceHt,
    contribution,
    margin,
    marginBp: priceHt === 0 ? 0 : mulDivRound(margin, 10000, priceHt),
  };
}

/** Below zero is a loss; below the group's threshold (default 15 %) is thin. */
export function marginStatus(breakdown: CostBreakdown, thinBelowBp: BasisPoints = 1500): MarginStatus {
  if (breakdown.margin < 0) return 'loss';
  return breakdown.marginBp < thinBelowBp ? 'thin' : 'ok';
}

/**
 * The price incl. VAT that gives `targetBp` margin after the CAE's
 * contribution: p_ht − cost − c·p_ht = t·p_ht → p_ht = cost / (1 − c − t),
 * then incl. VAT, rounded UP to the cent so the target is always reached.
 * Null when contribution + target leave nothing (≥ 100 %).
 */
export function suggestedPrice(cost: Cents, vatRate: BasisPoints, contributionBp: BasisPoints, targetBp: BasisPoints): Cents | null {
  const left = 10000 - contributionBp - targetBp;
  if (left <= 0) return null;
  // Integer operands below 2^53: an exact quotient divides exactly in floating
  // point, and an inexact one is at least 1/left away from the next integer.
  return Math.ceil((cost * (10000 + vatRate)) / left);
}

/** What recipeCost needs to know of a material. */
export type CostedMaterial = { unitCost: Cents; vatRate: BasisPoints };

/**
 * The cost input of a product from its recipe and the co-op's settings: the
 * product's own hourly rate wins over the co-op's. A product without a recipe
 * costs nothing (its margin is then the whole price less the contribution).
 * Lines whose material is unknown are left out.
 */
export function recipeCostInput(
  product: { price: Cents; vatRate: BasisPoints },
  recipe: { lines: readonly { materialId: string; quantity: Milli }[]; labourMinutes: number; hourlyRate?: Cents | undefined } | undefined,
  materials: ReadonlyMap<string, CostedMaterial>,
  settings: { hourlyRate: Cents; contributionBp: BasisPoints },
): CostInput {
  const lines: RecipeLine[] = [];
  for (const line of recipe?.lines ?? []) {
    const material = materials.get(line.materialId);
    if (material) lines.push({ quantity: line.quantity, unitCostTtc: material.unitCost, vatRate: material.vatRate });
  }
  return {
    price: product.price,
    vatRate: product.vatRate,
    materials: lines,
    labourMinutes: recipe?.labourMinutes ?? 0,
    hourlyRate: recipe?.hourlyRate ?? settings.hourlyRate,
    contributionBp: settings.contributionBp,
  };
}
