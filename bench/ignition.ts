import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getLanguageService } from 'vscode-json-languageservice';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { lintText } from '../lib/engine';
import { time, type Row } from './stats';

/** A config with `count` files (data: URLs) — the size of a big real-world config. */
export function bigIgnitionConfig(count: number): string {
  const files = Array.from({ length: count }, (_, i) => ({
    path: `/etc/bench/file-${i}.conf`,
    mode: 420,
    overwrite: true,
    contents: { source: `data:,setting%3D${i}%0A` },
  }));
  return JSON.stringify({ ignition: { version: '3.3.0' }, storage: { files } }, null, 2);
}

/** Ignition validation of a 5,000-file config against an ignition-validate process and vscode-json-languageservice. */
export async function ignitionRows(root: string): Promise<Row[]> {
  const text = bigIgnitionConfig(5_000);
  const rows: Row[] = [];
  const ours = await time(20, () => lintText('big.ign', text));
  const errors = lintText('big.ign', text).findings.filter((f) => f.severity === 'error').length;
  if (errors) throw new Error(`the benchmark config should be valid, got ${errors} errors`);

  if (spawnSync('ignition-validate', ['--version']).status === 0) {
    const file = join(mkdtempSync(join(tmpdir(), 'pxe-bench-')), 'big.ign');
    writeFileSync(file, text);
    const official = await time(10, () => execFileSync('ignition-validate', [file]));
    rows.push({
      name: 'validate a 5,000-file Ignition config',
      measured: ours,
      baselineName: 'ignition-validate process',
      baseline: official,
    });
  } else {
    console.log('(ignition-validate not installed: `apt-get install ignition` to compare with it)');
  }

  const upstream = join(root, '..', 'shared', 'reference', 'ignition-schema', 'v3_3.json');
  if (existsSync(upstream)) {
    const schema = JSON.parse(readFileSync(upstream, 'utf8'));
    const service = getLanguageService({ schemaRequestService: async () => JSON.stringify(schema) });
    service.configure({
      validate: true,
      schemas: [{ uri: 'inmemory://ignition-3.3.json', fileMatch: ['*.ign'], schema }],
    });
    const doc = TextDocument.create('file:///big.ign', 'json', 1, text);
    const json = await time(20, async () => service.doValidation(doc, service.parseJSONDocument(doc)));
    rows.push({
      name: 'validate a 5,000-file Ignition config',
      measured: ours,
      baselineName: 'vscode-json-languageservice + upstream schema',
      baseline: json,
    });
  }
  return rows;
}
