import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ButaneReport, ConfigPath } from '../../../lib/languages/butane/ast';
import { MAX_LOCAL_BYTES, readLocal } from '../../../lib/languages/butane/translate/local';

let root: string;
let filesDir: string;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'butane-local-'));
  filesDir = join(root, 'files');
  mkdirSync(filesDir);
  writeFileSync(join(root, 'secret'), 'outside');
  writeFileSync(join(filesDir, 'ok.txt'), 'inside');
});

afterEach(() => rmSync(root, { recursive: true, force: true }));

const AT: ConfigPath = ['storage', 'files', 0, 'contents', 'local'];

function read(
  rel: string,
  dir: string | null = filesDir,
  maxBytes?: number,
): { bytes?: Buffer; reports: ButaneReport[] } {
  const reports: ButaneReport[] = [];
  const ctx = {
    options: { filesDir: dir ?? undefined },
    report: (rule: string, level: ButaneReport['level'], path: ConfigPath, message: string) =>
      reports.push({ rule, level, path, message, start: 0, end: 0 }),
  };
  return { bytes: readLocal(ctx, AT, rel, maxBytes), reports };
}

const refusal = (r: { bytes?: Buffer; reports: ButaneReport[] }): string => {
  expect(r.bytes).toBeUndefined();
  expect(r.reports).toHaveLength(1);
  expect(r.reports[0]).toMatchObject({ rule: 'butane.localFile', level: 'error', path: AT });
  return r.reports[0]?.message ?? '';
};

describe('readLocal', () => {
  it('reads a file under the files dir, also through a link that stays inside', () => {
    expect(read('ok.txt').bytes?.toString()).toBe('inside');
    mkdirSync(join(filesDir, 'sub'));
    symlinkSync('../ok.txt', join(filesDir, 'sub', 'link'));
    expect(read('sub/link').bytes?.toString()).toBe('inside');
    expect(read('sub/../ok.txt').bytes?.toString()).toBe('inside');
  });

  it('refuses without a files dir, as butane without -d', () => {
    expect(refusal(read('ok.txt', null))).toMatch(/^local file paths are relative to a files directory/);
  });

  it('refuses a ../ path that leaves the files dir (Butane’s own check)', () => {
    expect(refusal(read('../secret'))).toMatch(/^local file path traverses outside the files directory/);
    expect(refusal(read('sub/../../secret'))).toMatch(/traverses outside/);
  });

  it('refuses a symbolic link that leads out of the files dir', () => {
    symlinkSync(join(root, 'secret'), join(filesDir, 'escape'));
    expect(refusal(read('escape'))).toMatch(/outside the files directory through a symbolic link/);
    symlinkSync(root, join(filesDir, 'up'));
    expect(refusal(read('up/secret'))).toMatch(/symbolic link/);
  });

  it('reports a missing file in Butane’s words', () => {
    expect(refusal(read('nope.txt'))).toMatch(/^open nope\.txt: no such file or directory/);
  });

  it('refuses a folder and a FIFO (which would block) without reading them', () => {
    mkdirSync(join(filesDir, 'dir'));
    expect(refusal(read('dir'))).toMatch(/is a folder/);
    execFileSync('mkfifo', [join(filesDir, 'pipe')]);
    expect(refusal(read('pipe'))).toMatch(/named pipe/);
  });

  it('refuses a file over the cap (default and given)', () => {
    writeFileSync(join(filesDir, 'eleven'), '01234567890');
    expect(refusal(read('eleven', filesDir, 10))).toMatch(/larger than/);
    expect(read('eleven', filesDir, 11).bytes?.length).toBe(11);
    writeFileSync(join(filesDir, 'huge'), '');
    truncateSync(join(filesDir, 'huge'), MAX_LOCAL_BYTES + 1);
    expect(refusal(read('huge'))).toMatch(/larger than 16 MiB/);
  });
});
