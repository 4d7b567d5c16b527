/**
 * Zips a folder of text files with fflate (deflate, UTF-8 names, CRC-32),
 * for an archive an auditor opens with any unzip tool.
 */
import { strToU8, zipSync, type Zippable } from 'fflate';

export function zipFiles(files: Readonly<Record<string, string>>, at: string): Uint8Array {
  const mtime = new Date(at);
  const entries: Zippable = {};
  for (const [name, text] of Object.entries(files)) entries[name] = [strToU8(text), { mtime, level: 6 }];
  return zipSync(entries);
}
