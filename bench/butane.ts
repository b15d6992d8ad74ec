import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { lintText } from '../lib/engine';
import { time, type Row } from './stats';

/**
 * A Butane config of about `lines` lines, as a home lab writes one: users with keys, files with inline
 * contents and modes, directories, links and systemd units with drop-ins.
 */
export function bigButaneConfig(lines: number): string {
  const out = ['variant: fcos', 'version: 1.5.0', 'passwd:', '  users:'];
  for (let i = 0; i < 5; i++)
    out.push(`    - name: user${i}`, '      ssh_authorized_keys:', `        - ssh-ed25519 AAAA${i} u${i}`);
  out.push('storage:', '  files:');
  const files = Math.floor((lines - out.length) / 18);
  for (let i = 0; i < files; i++)
    out.push(
      `    - path: /etc/bench/file-${i}.conf`,
      '      mode: 0644',
      '      overwrite: true',
      '      contents:',
      '        inline: |',
      `          setting=${i}`,
      `          other=${i * 7}`,
    );
  out.push('  directories:');
  for (let i = 0; i < files; i++) out.push(`    - path: /var/lib/bench-${i}`, '      mode: 0750');
  out.push('  links:');
  for (let i = 0; i < files; i++)
    out.push(`    - path: /etc/bench/link-${i}`, `      target: /etc/bench/file-${i}.conf`);
  out.push('systemd:', '  units:');
  for (let i = 0; i < files; i++)
    out.push(
      `    - name: bench-${i}.service`,
      '      enabled: true',
      '      contents: |',
      '        [Service]',
      `        ExecStart=/usr/bin/true ${i}`,
      '        [Install]',
      '        WantedBy=multi-user.target',
    );
  while (out.length < lines) out.push(`# line ${out.length + 1}`);
  return `${out.join('\n')}\n`;
}

/** Translate and check a 1,000-line Butane config, against parsing the same YAML alone (the `yaml` library). */
export async function butaneRows(): Promise<Row[]> {
  const text = bigButaneConfig(1_000);
  // A file on disk, so the check runs as the editor and `lint` run it (the files dir is its folder).
  const file = join(mkdtempSync(join(tmpdir(), 'pxe-bench-')), 'big.bu');
  writeFileSync(file, text);
  const errors = lintText(file, text).findings.filter((f) => f.severity === 'error' || f.severity === 'warning');
  if (errors.length)
    throw new Error(`the benchmark config should be clean, got ${errors[0]!.ruleId}: ${errors[0]!.message}`);
  const ours = await time(30, () => lintText(file, text));
  const yaml = await time(30, () => parseDocument(text));
  return [
    {
      name: `translate and check a ${(text.split('\n').length - 1).toLocaleString('en-US')}-line Butane config`,
      measured: ours,
      baselineName: 'parse the same YAML alone (yaml)',
      baseline: yaml,
    },
  ];
}
