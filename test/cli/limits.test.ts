/**
 * Hostile Ignition configs through the command line (issue #19, items 5 and 7): a config nested 20,000 deep
 * once ended `lint` with a stack trace, and a 1 MB config holding 1 GiB of gzip took 2.1 GB to decode.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { depthMessage } from '../../lib/core/untrusted';
import { built } from '../helpers/build';

const MIB = 1024 * 1024;
let dir: string;

/** Runs the CLI in the test folder; `peakMiB` is its peak resident memory, read from inside the process. */
function cli(...args: string[]): { status: number | null; stdout: string; stderr: string; peakMiB: number } {
  const rssFile = join(dir, 'rss');
  const env = { ...process.env, RSS_FILE: rssFile };
  const r = spawnSync(process.execPath, ['-r', join(dir, 'rss.cjs'), built('cli.js'), ...args], {
    cwd: dir,
    encoding: 'utf8',
    env,
    maxBuffer: 64 * MIB,
  });
  return {
    status: r.status,
    stdout: r.stdout,
    stderr: r.stderr,
    peakMiB: Number(readFileSync(rssFile, 'utf8')) / 1024,
  };
}

const config = (source: string, gzip: boolean): string =>
  '{"ignition":{"version":"3.4.0"},"storage":{"files":[{"path":"/var/zeros","contents":{' +
  `${gzip ? '"compression":"gzip",' : ''}"source":${JSON.stringify(source)}}}]}}\n`;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'pxe-cli-limits-'));
  writeFileSync(
    join(dir, 'rss.cjs'),
    "process.on('exit', () => require('node:fs').writeFileSync(process.env.RSS_FILE, String(process.resourceUsage().maxRSS)));\n",
  );
  writeFileSync(
    join(dir, 'deep.ign'),
    `{"ignition":{"version":"3.4.0"},"x":${'['.repeat(20_000)}${']'.repeat(20_000)}}\n`,
  );
  // 1 GiB of zeros in about 1 MB: 1,024 gzip members of 1 MiB each (gunzip reads them as one stream).
  const member = gzipSync(Buffer.alloc(MIB), { level: 9 });
  const bomb = Buffer.concat(Array.from({ length: 1024 }, () => member));
  writeFileSync(join(dir, 'bomb.ign'), config(`data:;base64,${bomb.toString('base64')}`, true));
  writeFileSync(join(dir, 'small.ign'), config(`data:;base64,${gzipSync('hello\n').toString('base64')}`, true));
});

const noCrash = (stderr: string): void => {
  expect(stderr).not.toMatch(/unexpected failure|RangeError|\n\s+at /);
};

describe('a config nested 20,000 deep', () => {
  const at = '{"ignition":{"version":"3.4.0"},"x":'.length + 255 + 1;

  it('lint exits 1 with the finding where the cap is exceeded', () => {
    const r = cli('lint', 'deep.ign');
    noCrash(r.stderr);
    expect(r.status).toBe(1);
    expect(r.stdout.trim()).toBe(`deep.ign:1:${at}: error ignition.jsonSyntax ${depthMessage()}`);
  });

  it('ignition validate and decode say so too', () => {
    const validate = cli('ignition', 'validate', 'deep.ign');
    noCrash(validate.stderr);
    expect(validate.status).toBe(1);
    expect(validate.stdout).toMatch(new RegExp(`^error at \\$, line 1 col ${at}: JSON nested deeper than 256 levels`));
    const decode = cli('ignition', 'decode', 'deep.ign', '-p', 'storage.files.0.contents.source');
    noCrash(decode.stderr);
    expect(decode.status).toBe(2);
    expect(decode.stderr).toMatch(
      /^pxe-workbench: deep\.ign: The config cannot be read: JSON nested deeper than 256 levels/,
    );
  });
});

describe('a gzip bomb (1 GiB of zeros in a 1.4 MB config)', () => {
  it('ignition decode refuses it with a message, nothing on stdout, in bounded memory', () => {
    const r = cli('ignition', 'decode', 'bomb.ign', '-p', 'storage.files.0.contents.source');
    noCrash(r.stderr);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(
      /^pxe-workbench: bomb\.ign: The contents are too large to open: the gzip data inflates to more than 64 MiB;/,
    );
    // Inflating it all took 2.1 GB; the cap keeps the peak near the 64 MiB output limit plus Node itself.
    expect(r.peakMiB).toBeLessThan(400);
  });

  it('lint (the rules that read decoded contents) stays in bounded memory', () => {
    const r = cli('lint', 'bomb.ign');
    noCrash(r.stderr);
    expect(r.status).toBe(0);
    expect(r.peakMiB).toBeLessThan(400);
  });

  it('a small gzip file still decodes', () => {
    const r = cli('ignition', 'decode', 'small.ign', '-p', 'storage.files.0.contents.source');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('hello\n');
  });
});
