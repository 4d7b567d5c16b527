/**
 * A receipt printer as this till stores it (the co-op record's `printer`)
 * and as the bridge carries it to the host. Error messages are i18n keys
 * ("err.*" in renderer/i18n/locales/<lang>/common.json), shown next to each field.
 */
import { z } from 'zod';

export const printerConnectionSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('network'),
    host: z
      .string()
      .trim()
      .min(1, { error: 'err.printerHost' })
      .max(253, { error: 'err.printerHost' })
      .regex(/^[A-Za-z0-9.:[\]_-]+$/, { error: 'err.printerHost' }),
    port: z.number({ error: 'err.printerPort' }).int({ error: 'err.printerPort' }).min(1, { error: 'err.printerPort' }).max(65535, { error: 'err.printerPort' }).default(9100),
  }),
  z.object({ kind: z.literal('device'), path: z.string().trim().min(1, { error: 'err.printerPath' }).max(260, { error: 'err.printerPath' }) }),
  z.object({
    kind: z.literal('serial'),
    path: z.string().trim().min(1, { error: 'err.printerPath' }).max(260, { error: 'err.printerPath' }),
    baudRate: z.number({ error: 'err.printerBaud' }).int({ error: 'err.printerBaud' }).positive({ error: 'err.printerBaud' }),
  }),
  z.object({ kind: z.literal('os'), name: z.string().trim().min(1, { error: 'err.printerQueue' }).max(260, { error: 'err.printerQueue' }) }),
]);
export type PrinterConnection = z.infer<typeof printerConnectionSchema>;
export type PrinterKind = PrinterConnection['kind'];

/** 58 mm paper: 32 characters a line; 80 mm: 48. */
export const PAPER_COLUMNS = { 58: 32, 80: 48 } as const;

/**
 * The printer's maker, which decides how it numbers its code pages (ESC t):
 * CP858 is 19 on an Epson and 2 on a Citizen. "epson" suits most cheap
 * ESC/POS printers (Munbyn, Netum, Xprinter's Epson mode).
 */
export const printerBrands = ['epson', 'xprinter', 'pos-5890', 'citizen', 'bixolon', 'star', 'sunmi'] as const;
export type PrinterBrand = (typeof printerBrands)[number];

/** Character sets offered in settings; both print € and French accents. */
export const printerCodepages = ['cp858', 'windows1252'] as const;

export const printerConfigSchema = z.object({
  connection: printerConnectionSchema,
  columns: z.number().int().min(24).max(64).default(48),
  codepage: z.string().default('cp858'),
  brand: z.enum(printerBrands).default('epson'),
  cut: z.boolean().default(true),
  drawerPin: z.union([z.literal(2), z.literal(5)]).default(2),
  /** Kick the drawer when a sale takes cash (the receipt itself may not print). */
  drawerOnCash: z.boolean().default(true),
});
export type PrinterConfig = z.output<typeof printerConfigSchema>;
export type PrinterConfigInput = z.input<typeof printerConfigSchema>;

/** The paper width a column count belongs to (anything narrow is 58 mm). */
export function paperWidthMm(columns: number): 58 | 80 {
  return columns <= PAPER_COLUMNS[58] ? 58 : 80;
}
