/**
 * The demo co-op: a textile flashcoop of 8 members at a Christmas market, so
 * that a group can try every screen before typing anything. The CAE below is
 * fictitious (its SIRET and VAT number only pass the checksums).
 */
import type { Coop, Member, Product } from './schemas';

type Ids = { newId: () => string; now: string; tillId: string };

export const DEMO_MEMBERS: readonly { firstName: string; color: string }[] = [
  { firstName: 'Aminata', color: '#e4572e' },
  { firstName: 'Fatoumata', color: '#f3a712' },
  { firstName: 'Mariam', color: '#29335c' },
  { firstName: 'Nadia', color: '#669bbc' },
  { firstName: 'Rokia', color: '#2a9d8f' },
  { firstName: 'Samira', color: '#8e44ad' },
  { firstName: 'Hawa', color: '#c0392b' },
  { firstName: 'Leïla', color: '#16a085' },
];

type DemoProduct = Pick<Product, 'name' | 'category' | 'unit' | 'price' | 'vatRate' | 'color'> & {
  emoji: string;
  /** Indexes into DEMO_MEMBERS. */
  makers: number[];
  stock?: number;
};

export const DEMO_PRODUCTS: readonly DemoProduct[] = [
  { name: 'Guirlande wax 1 m', emoji: '🎏', category: 'Guirlandes', unit: 'piece', price: 1200, vatRate: 2000, color: '#e4572e', makers: [0, 1], stock: 20000 },
  { name: 'Guirlande wax au mètre', emoji: '📏', category: 'Guirlandes', unit: 'metre', price: 1200, vatRate: 2000, color: '#f3a712', makers: [0, 1, 2], stock: 40000 },
  { name: 'Guirlande lumineuse', emoji: '✨', category: 'Guirlandes', unit: 'piece', price: 2500, vatRate: 2000, color: '#ffd166', makers: [3], stock: 6000 },
  { name: 'Tissu wax au mètre', emoji: '🧵', category: 'Tissus', unit: 'metre', price: 1500, vatRate: 2000, color: '#2a9d8f', makers: [4], stock: 25000 },
  { name: 'Coupon wax 50 cm', emoji: '🟧', category: 'Tissus', unit: 'piece', price: 800, vatRate: 2000, color: '#ef8354', makers: [4] },
  { name: 'Ruban wax au mètre', emoji: '🎀', category: 'Tissus', unit: 'metre', price: 300, vatRate: 2000, color: '#d62828', makers: [5] },
  { name: 'Sac cabas wax', emoji: '👜', category: 'Accessoires', unit: 'piece', price: 2500, vatRate: 2000, color: '#8e44ad', makers: [5, 6], stock: 12000 },
  { name: 'Trousse wax', emoji: '👝', category: 'Accessoires', unit: 'piece', price: 1200, vatRate: 2000, color: '#669bbc', makers: [6], stock: 15000 },
  { name: 'Chouchou wax', emoji: '🌀', category: 'Accessoires', unit: 'piece', price: 400, vatRate: 2000, color: '#f28482', makers: [7], stock: 40000 },
  { name: 'Bandeau wax', emoji: '🎗️', category: 'Accessoires', unit: 'piece', price: 1000, vatRate: 2000, color: '#84a59d', makers: [7] },
  { name: 'Boucles d’oreilles wax', emoji: '💫', category: 'Bijoux', unit: 'piece', price: 1500, vatRate: 2000, color: '#e9c46a', makers: [2], stock: 18000 },
  { name: 'Bracelet wax', emoji: '📿', category: 'Bijoux', unit: 'piece', price: 800, vatRate: 2000, color: '#f4a261', makers: [2, 3] },
  { name: 'Étoile de Noël wax', emoji: '⭐', category: 'Décoration', unit: 'piece', price: 600, vatRate: 2000, color: '#f6bd60', makers: [0], stock: 30000 },
  { name: 'Boule de sapin wax', emoji: '🎄', category: 'Décoration', unit: 'piece', price: 500, vatRate: 2000, color: '#2d6a4f', makers: [1], stock: 35000 },
  { name: 'Set de table wax', emoji: '🍽️', category: 'Décoration', unit: 'piece', price: 900, vatRate: 2000, color: '#bc6c25', makers: [6, 7] },
];

export function demoCoop({ now, tillId }: Ids): Coop {
  return {
    id: 'coop',
    name: 'Wax & Fils — coopérative éphémère',
    cae: {
      name: 'Coop’Horizons (CAE de démonstration)',
      legalForm: 'SCOP SA',
      shareCapital: 'à capital variable',
      address: '12 rue des Tisserands, 93100 Montreuil',
      siret: '44312345600016',
      vatNumber: 'FR27443123456',
      rcs: 'RCS Bobigny 443 123 456',
    },
    tillId,
    tillName: 'Caisse 1',
    timeZone: 'Europe/Paris',
    receiptMode: 'ask',
    receiptFooter: 'Merci ! Fait main à Montreuil.',
    contributionBp: 1000,
    createdAt: now,
  };
}

export function demoData(ids: Ids): { coop: Coop; members: Member[]; products: Product[]; stock: { productId: string; quantity: number }[] } {
  const members: Member[] = DEMO_MEMBERS.map((m, order) => ({
    id: ids.newId(),
    firstName: m.firstName,
    color: m.color,
    analyticCode: 'FLASH-WAX-2026',
    archived: false,
    order,
    createdAt: ids.now,
    updatedAt: ids.now,
  }));
  const products: Product[] = DEMO_PRODUCTS.map((p) => ({
    id: ids.newId(),
    name: p.name,
    picture: { kind: 'emoji', value: p.emoji },
    color: p.color,
    category: p.category,
    unit: p.unit,
    price: p.price,
    vatRate: p.vatRate,
    makerIds: p.makers.map((i) => members[i]?.id).filter((id): id is string => id !== undefined),
    trackStock: p.stock !== undefined,
    archived: false,
    createdAt: ids.now,
    updatedAt: ids.now,
  }));
  const stock = DEMO_PRODUCTS.flatMap((p, i) => {
    const product = products[i];
    return p.stock !== undefined && product ? [{ productId: product.id, quantity: p.stock }] : [];
  });
  return { coop: demoCoop(ids), members, products, stock };
}
