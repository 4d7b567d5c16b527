/**
 * Every Dexie schema version Étal has ever shipped, oldest first. A version
 * is never edited once released: a change is a new entry with an upgrade
 * function, and db.test.ts opens data written by each old version.
 */
import type { Transaction } from 'dexie';
import { legacyPublicKey } from '../../shared/keys';

export type SchemaVersion = {
  version: number;
  stores: Record<string, string>;
  /** Runs once when a database of an earlier version is opened (Dexie's version().upgrade()). */
  upgrade?: (tx: Transaction) => Promise<void>;
};

export const SCHEMA_VERSIONS: readonly SchemaVersion[] = [
  {
    version: 1,
    stores: {
      coop: 'id',
      members: 'id, order',
      products: 'id, category',
      stockMovements: 'id, productId, refId, at',
      stockLevels: 'productId',
      sales: 'id, &[tillId+ticketNumber], businessDay, at, cancelsId',
      journal: '[tillId+seq], recordId',
      counters: 'key',
    },
  },
  {
    // Costing: materials with their own movements and cached levels,
    // purchases, and the production log. Only new stores: v1 data is kept
    // as it is (recipes and thresholds are optional fields of products).
    version: 2,
    stores: {
      materials: 'id',
      materialMovements: 'id, materialId, refId, at',
      materialLevels: 'materialId',
      purchases: 'id, materialId, day',
      productions: 'id, productId, memberId, day, correctsId',
      events: 'id, startDay',
    },
  },
  {
    // Closing the day: cash fund and movements, day closings (Z). Only new
    // stores; sales and journal are untouched.
    version: 3,
    stores: {
      cashMovements: 'id, [tillId+businessDay], at',
      closings: 'id, &[tillId+number], &[tillId+businessDay], at',
      exports: 'id, tillId, at',
    },
  },
  {
    // Orders and payout: customers, orders with their status history,
    // payments and members' contributions, invoices and credit notes (two
    // gapless series through `counters`), charges, stall shifts and payout
    // exports. Only new stores.
    version: 4,
    stores: {
      customers: 'id, name',
      orders: 'id, &number, customerId, status, dueDay',
      orderStatusChanges: 'id, orderId, at',
      orderPayments: 'id, orderId, [tillId+businessDay], day, at',
      contributions: 'id, orderId, memberId, day, correctsId',
      invoices: 'id, &number, orderId, issueDay, creditsId',
      charges: 'id, day, category, paidBy, eventId',
      shifts: 'id, memberId, day',
      payoutExports: 'id, tillId, at',
    },
  },
  {
    // Month and year closings live in `closings` beside the day Zs, each kind
    // with its own number series, and a month closing ends on the same
    // business day as that day's Z: the day-only unique indexes become plain
    // ones (lastClosing still reads [tillId+number]) and uniqueness moves to
    // indexes that include the kind. Every stored closing is a day Z with its
    // kind set, so the new indexes fill from the data as it is.
    version: 5,
    stores: {
      closings: 'id, [tillId+number], [tillId+businessDay], &[tillId+kind+number], &[tillId+kind+businessDay], at',
    },
  },
  {
    // Restores are journalled (type 'restore'): one record per restored
    // backup, saying what file replaced the data and what backup of the data
    // from before was taken. Only a new store.
    version: 6,
    stores: {
      restores: 'id, tillId, at',
    },
  },
  {
    // Device-local state, never journalled and left out of backups and merges
    // (LOCAL_TABLES in db.ts): `session` keeps the unpaid basket across a
    // reload or crash and a heartbeat saying when the till was last alive;
    // `prints` counts the copies printed of each document (receipt, Z,
    // invoice…), keyed 'sale:<id>', so every copy after the first is a
    // numbered DUPLICATA. Only new stores.
    version: 7,
    stores: {
      session: 'key',
      prints: 'docId',
    },
  },
  {
    // Key custody (issue 15): the till's signing key leaves the co-op record
    // (and so every backup). deviceKeys holds this device's non-extractable
    // CryptoKey and is never dumped, restored or merged; keyChanges and
    // rollbacks are journalled records ('key', 'rollback'). The old clear
    // secret is dropped here; only its public key is kept, so the key change
    // the till journals next names what it replaced.
    version: 8,
    stores: {
      deviceKeys: 'id',
      keyChanges: 'id, tillId, at',
      rollbacks: 'id, tillId, at',
    },
    upgrade: async (tx) => {
      const coop = (await tx.table('coop').get('coop')) as Record<string, unknown> | undefined;
      if (!coop || !('signingKey' in coop)) return;
      const publicKeyHex = legacyPublicKey(coop['signingKey']);
      const { signingKey: _dropped, ...rest } = coop;
      await tx.table('coop').put(rest);
      if (publicKeyHex) await tx.table('deviceKeys').put({ id: 'legacy', publicKeyHex });
    },
  },
  {
    // Anchors (issue 15): journal heads that left the till (Z, backup,
    // export, merge), kept outside the journal so that a cut tail leaves
    // them behind for *Vérifier le journal*. Only a new store.
    version: 9,
    stores: {
      anchors: 'id, [tillId+kind], at',
    },
  },
];
