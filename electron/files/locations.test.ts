import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { numberedName, resolveDataDirs } from './locations';

describe('resolveDataDirs', () => {
  it('defaults to <Documents>/Etal with exports and backups inside', () => {
    const docs = path.resolve('/home/ana/Documents');
    expect(resolveDataDirs({}, docs)).toEqual({
      dataDir: path.join(docs, 'Etal'),
      exportsDir: path.join(docs, 'Etal', 'exports'),
      backupsDir: path.join(docs, 'Etal', 'backups'),
    });
  });

  it('uses ETAL_DATA_DIR when set, and ignores it when blank', () => {
    const dir = path.resolve('/srv/etal');
    expect(resolveDataDirs({ ETAL_DATA_DIR: dir }, '/docs').exportsDir).toBe(path.join(dir, 'exports'));
    expect(resolveDataDirs({ ETAL_DATA_DIR: '  ' }, path.resolve('/docs')).dataDir).toBe(path.join(path.resolve('/docs'), 'Etal'));
  });
});

describe('numberedName', () => {
  it('numbers before the extension', () => {
    expect(numberedName('ventes.csv', 1)).toBe('ventes.csv');
    expect(numberedName('ventes.csv', 2)).toBe('ventes (2).csv');
    expect(numberedName('archive.tar.gz', 3)).toBe('archive.tar (3).gz');
    expect(numberedName('README', 2)).toBe('README (2)');
    expect(numberedName('.env', 2)).toBe('.env (2)');
  });
});
