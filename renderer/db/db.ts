import { Dexie, type EntityTable } from 'dexie';
import type {
  ArchiveExport,
  CashMovement,
  Closing,
  Charge,
  Contribution,
  Coop,
  Customer,
  Invoice,
  Order,
  OrderPayment,
  OrderStatusChange,
  PayoutExport,
  Shift,
  JournalEntry,
  MarketEvent,
  Material,
  MaterialLevel,
  MaterialMovement,
  Member,
  Product,
  Production,
  Purchase,
  Sale,
  StockLevel,
  StockMovement,
} from '../../shared/schemas';
import type { Anchor } from '../../shared/schemas/anchor';
import type { KeyChange, Rollback } from '../../shared/schemas/custody';
import type { Restore } from '../../shared/schemas/restore';
import { SCHEMA_VERSIONS } from './schema';

export type Counter = { key: string; value: number };

/** One record of the device-local `session` store: the basket, or the heartbeat. */
export type SessionRecord = { key: string; value: unknown; at: string };

/** Copies printed of one document ('sale:<id>', later 'closing:<id>', 'invoice:<id>'). */
export type PrintCount = { docId: string; copies: number; lastAt: string };

/**
 * Stores about this device only: not records of the business, so they are
 * neither backed up nor merged from another till (a restored basket or
 * another machine's print counts would be wrong here).
 */
export const LOCAL_TABLES: readonly string[] = ['session', 'prints', 'deviceKeys'];

/**
 * 'device': the browser custody's key pair (the private CryptoKey is
 * non-extractable: IndexedDB keeps it by structured clone, script can only
 * sign with it). 'legacy': the public key of the clear secret the co-op
 * record held before version 8, until the key change is journalled.
 */
export type DeviceKey = { id: 'device' | 'legacy'; publicKeyHex: string; privateKey?: CryptoKey; createdAt?: string };

export class EtalDb extends Dexie {
  coop!: EntityTable<Coop, 'id'>;
  members!: EntityTable<Member, 'id'>;
  products!: EntityTable<Product, 'id'>;
  stockMovements!: EntityTable<StockMovement, 'id'>;
  stockLevels!: EntityTable<StockLevel, 'productId'>;
  sales!: EntityTable<Sale, 'id'>;
  journal!: Dexie.Table<JournalEntry, [string, number]>;
  counters!: EntityTable<Counter, 'key'>;
  materials!: EntityTable<Material, 'id'>;
  materialMovements!: EntityTable<MaterialMovement, 'id'>;
  materialLevels!: EntityTable<MaterialLevel, 'materialId'>;
  purchases!: EntityTable<Purchase, 'id'>;
  productions!: EntityTable<Production, 'id'>;
  events!: EntityTable<MarketEvent, 'id'>;
  cashMovements!: EntityTable<CashMovement, 'id'>;
  closings!: EntityTable<Closing, 'id'>;
  exports!: EntityTable<ArchiveExport, 'id'>;
  customers!: EntityTable<Customer, 'id'>;
  orders!: EntityTable<Order, 'id'>;
  orderStatusChanges!: EntityTable<OrderStatusChange, 'id'>;
  orderPayments!: EntityTable<OrderPayment, 'id'>;
  contributions!: EntityTable<Contribution, 'id'>;
  invoices!: EntityTable<Invoice, 'id'>;
  charges!: EntityTable<Charge, 'id'>;
  shifts!: EntityTable<Shift, 'id'>;
  payoutExports!: EntityTable<PayoutExport, 'id'>;
  restores!: EntityTable<Restore, 'id'>;
  session!: EntityTable<SessionRecord, 'key'>;
  prints!: EntityTable<PrintCount, 'docId'>;
  anchors!: EntityTable<Anchor, 'id'>;
  /** This device's signing key (renderer/db/custody.ts): never in a backup, a merge or an archive. */
  deviceKeys!: EntityTable<DeviceKey, 'id'>;
  keyChanges!: EntityTable<KeyChange, 'id'>;
  rollbacks!: EntityTable<Rollback, 'id'>;

  constructor(name = 'etal', options?: { indexedDB?: IDBFactory; IDBKeyRange?: typeof IDBKeyRange }) {
    super(name, options);
    for (const { version, stores, upgrade } of SCHEMA_VERSIONS) {
      const v = this.version(version).stores(stores);
      if (upgrade) v.upgrade(upgrade);
    }
  }
}

let current: EtalDb | undefined;

/** The app's database (tests create their own EtalDb instances). */
export function appDb(): EtalDb {
  current ??= new EtalDb();
  return current;
}

/** Ticket counter key: one gapless series per till. */
export function ticketCounterKey(tillId: string): string {
  return `ticket:${tillId}`;
}

/** A random id for new records (no server hands them out; several tills must never collide). */
export function newId(): string {
  return crypto.randomUUID();
}

export function nowIso(): string {
  return new Date().toISOString();
}
