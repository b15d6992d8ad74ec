/**
 * Differential test against the official validator (Debian `ignition`: `ignition-validate`, specs 3.0–3.3):
 * generated valid configs and configs with one mutation must get the same valid/invalid verdict from both.
 * Every disagreement fails the test with the config that caused it.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lintText } from '../../lib/engine';
import { encodeDataUrl } from '../../lib/languages/ignition/dataUrl';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'pxe-oracle-'));

async function officialVerdict(text: string, index: number): Promise<{ valid: boolean; output: string }> {
  const file = join(dir, `c${index}.ign`);
  writeFileSync(file, text);
  try {
    const { stdout, stderr } = await run('ignition-validate', [file]);
    return { valid: true, output: stdout + stderr };
  } catch (error) {
    const e = error as { code?: number | string; stdout?: string; stderr?: string };
    if (e.code === 'ENOENT')
      throw new Error(
        'ignition-validate is missing: install the Debian package `ignition` (npm test does it when run as root).',
        { cause: error },
      );
    return { valid: false, output: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

function ourVerdict(text: string): { valid: boolean; errors: string[] } {
  const errors = lintText('config.ign', text)
    .findings.filter((f) => f.severity === 'error')
    .map((f) => `${f.ruleId}: ${f.message}`);
  return { valid: errors.length === 0, errors };
}

type Config = Record<string, unknown>;
const name = fc.stringMatching(/^[a-z][a-z0-9]{0,7}$/);
const absPath = fc.array(name, { minLength: 1, maxLength: 3 }).map((parts) => `/${parts.join('/')}`);
const mode = fc.constantFrom(420, 384, 493, 448, 292);
const contents = fc
  .tuple(fc.string({ maxLength: 40 }), fc.boolean())
  .map(([text, base64]) => encodeDataUrl(Buffer.from(text, 'utf8'), { base64 }));

const validConfig = fc
  .record({
    version: fc.constantFrom('3.0.0', '3.1.0', '3.2.0', '3.3.0'),
    users: fc.uniqueArray(name, { maxLength: 3 }),
    files: fc.uniqueArray(fc.tuple(absPath, mode, contents), { maxLength: 4, selector: ([p]) => p }),
    units: fc.uniqueArray(fc.tuple(name, fc.constantFrom('service', 'timer', 'target'), fc.boolean()), {
      maxLength: 3,
      selector: ([n, t]) => `${n}.${t}`,
    }),
  })
  .map(({ version, users, files, units }): Config => ({
    ignition: { version },
    passwd: { users: users.map((u) => ({ name: u, sshAuthorizedKeys: [] as string[] })) },
    storage: { files: files.map(([path, m, source]) => ({ path, mode: m, contents: { source } })) },
    systemd: {
      units: units.map(([n, t, enabled]) => ({ name: `${n}.${t}`, enabled, contents: '[Unit]\nDescription=test\n' })),
    },
  }));

/** One change that the official validator rejects. */
const MUTATIONS: [string, (c: Config) => void][] = [
  ['relative path', (c) => void ((c.storage as { files: Config[] }).files = [{ path: 'etc/motd' }])],
  [
    'duplicate path',
    (c) =>
      void (
        ((c.storage as Config).links = [{ path: '/dup', target: '/x' }]),
        (c.storage as { files: Config[] }).files.push({ path: '/dup' })
      ),
  ],
  [
    'bad percent escape',
    (c) => void ((c.storage as { files: Config[] }).files = [{ path: '/a', contents: { source: 'data:,100%' } }]),
  ],
  [
    'bad base64',
    (c) => void ((c.storage as { files: Config[] }).files = [{ path: '/a', contents: { source: 'data:;base64,@@@' } }]),
  ],
  ['unit without type', (c) => void ((c.systemd as { units: Config[] }).units = [{ name: 'hello' }])],
  [
    'drop-in without .conf',
    (c) => void ((c.systemd as { units: Config[] }).units = [{ name: 'a.service', dropins: [{ name: 'x' }] }]),
  ],
  ['mode too big', (c) => void ((c.storage as { files: Config[] }).files = [{ path: '/a', mode: 99999 }])],
  [
    'compression',
    (c) =>
      void ((c.storage as { files: Config[] }).files = [
        { path: '/a', contents: { source: 'data:,x', compression: 'zip' } },
      ]),
  ],
  [
    'hash function',
    (c) =>
      void ((c.storage as { files: Config[] }).files = [
        { path: '/a', contents: { source: 'data:,x', verification: { hash: 'md5-00' } } },
      ]),
  ],
  [
    'url scheme',
    (c) => void ((c.storage as { files: Config[] }).files = [{ path: '/a', contents: { source: 'ftp://x/y' } }]),
  ],
  ['wrong type', (c) => void ((c.storage as { files: Config[] }).files = [{ path: '/a', mode: '420' }])],
  ['missing path', (c) => void ((c.storage as { files: Config[] }).files = [{ mode: 420 }])],
  ['duplicate user', (c) => void ((c.passwd as { users: Config[] }).users = [{ name: 'core' }, { name: 'core' }])],
  [
    'duplicate unit',
    (c) => void ((c.systemd as { units: Config[] }).units = [{ name: 'a.service' }, { name: 'a.service' }]),
  ],
  [
    'overwrite without source',
    (c) =>
      void ((c.storage as { files: Config[] }).files = [
        { path: '/a', overwrite: true, append: [{ source: 'data:,x' }] },
      ]),
  ],
  [
    'unencoded data character',
    (c) =>
      void ((c.storage as { files: Config[] }).files = [{ path: '/a', contents: { source: 'data:,hello world' } }]),
  ],
  [
    'broken section',
    (c) =>
      void ((c.systemd as { units: Config[] }).units = [{ name: 'a.service', contents: '[Unit\nDescription=x\n' }]),
  ],
];

describe('Ignition verdicts agree with ignition-validate', () => {
  it('on 250 valid and 250 mutated configs (specs 3.0–3.3)', async () => {
    const samples = fc.sample(
      fc.tuple(validConfig, fc.option(fc.constantFrom(...MUTATIONS.map((_, i) => i)), { nil: undefined })),
      { numRuns: 500, seed: 2026 },
    );
    const texts = samples.map(([config, mutation], index) => {
      const copy = structuredClone(config);
      if (index % 2 === 1) MUTATIONS[(mutation ?? index) % MUTATIONS.length]![1](copy);
      return JSON.stringify(copy, null, 2);
    });
    const disagreements: string[] = [];
    const width = 4;
    for (let start = 0; start < texts.length; start += width) {
      const batch = texts.slice(start, start + width);
      const verdicts = await Promise.all(batch.map((text, i) => officialVerdict(text, start + i)));
      batch.forEach((text, i) => {
        const ours = ourVerdict(text);
        const theirs = verdicts[i]!;
        if (ours.valid !== theirs.valid)
          disagreements.push(
            `ignition-validate says ${theirs.valid ? 'valid' : 'invalid'} (${theirs.output.trim()}), ` +
              `we say ${ours.valid ? 'valid' : `invalid: ${ours.errors.join('; ')}`}\n${text}`,
          );
      });
    }
    expect(texts.filter((_, i) => i % 2 === 1).length).toBeGreaterThanOrEqual(250);
    expect(disagreements.slice(0, 3)).toEqual([]);
  });

  it(
    'on the edge cases of the corpus review: null as absent, links, URLs without host, ' +
      'duplicates in lists, required-by-validation fields',
    async () => {
      const cases = [
        '{"ignition":{"version":"3.3.0"},"storage":{"files":[{"path":"/a","contents":null,"mode":null,"user":null,"append":null}]}}',
        '{"ignition":{"version":"3.3.0","config":null},"storage":null,"passwd":{"users":[{"name":"core","sshAuthorizedKeys":null}]}}',
        '{"ignition":{"version":"3.3.0"},"storage":{"files":[{"path":null}]}}',
        '{"ignition":{"version":"3.3.0"},"storage":{"links":[{"path":"/l"}]}}',
        '{"ignition":{"version":"3.3.0"},"storage":{"links":[{"path":"/l","target":""}]}}',
        '{"ignition":{"version":"3.3.0"},"storage":{"files":[{"path":"/a","contents":{"source":"http:192.168.122.1/key"}}]}}',
        '{"ignition":{"version":"3.3.0"},"storage":{"files":[{"path":"/a","contents":{"source":"data:,a[b]"}}]}}',
        '{"ignition":{"version":"3.3.0"},"storage":{"files":[{"path":"/a","contents":' +
          '{"source":"data:,a%20b/c:d;e=f?g&h+i~j_k.l!m$n(o)*p,q@r\'"}}]}}',
        '{"ignition":{"version":"3.3"}}',
        '{"ignition":{"version":"3.3.0"},"passwd":{"users":[{"name":"a","groups":["w","w"]}]}}',
        '{"ignition":{"version":"3.3.0"},"kernelArguments":{"shouldExist":["a"],"shouldNotExist":["a"]}}',
        '{"ignition":{"version":"3.3.0","config":{"merge":[{"source":""}]}}}',
        '{"ignition":{"version":"3.3.0"},"storage":{"disks":[{"device":"/dev/a","partitions":[{"label":"","sizeMiB":10},{"number":0}]}]}}',
        '{"ignition":{"version":"3.3.0"},"storage":{"disks":[{"device":"/dev/a","partitions":[{"number":1},{"number":1}]}]}}',
        '{"ignition":{"version":"3.3.0"},"storage":{"filesystems":' +
          '[{"device":"/dev/a","label":"x"},{"device":"/dev/b","format":"ext4","path":""}]}}',
        '{"ignition":{"version":"3.3.0"},"storage":{"raid":[{"name":"md","devices":["/dev/a"]}]}}',
        '{"ignition":{"version":"3.0.0"},"storage":{"raid":[{"name":"md","level":"","devices":["/dev/a"]}]}}',
        '{"ignition":{"version":"3.3.0"},"storage":{"raid":[{"name":"md","level":"mirror","devices":["/dev/a","/dev/b"]}]}}',
        '{"ignition":{"version":"3.3.0"},"storage":{"luks":[{"name":"x"}]}}',
      ];
      const disagreements: string[] = [];
      for (const [index, text] of cases.entries()) {
        const theirs = await officialVerdict(text, 10_000 + index);
        const ours = ourVerdict(text);
        if (ours.valid !== theirs.valid)
          disagreements.push(
            `ignition-validate: ${theirs.valid ? 'valid' : theirs.output.trim()}; ` +
              `we: ${ours.valid ? 'valid' : ours.errors.join('; ')}\n${text}`,
          );
      }
      expect(disagreements).toEqual([]);
    },
  );
});
