/**
 * The language server's entry, out/server.js. It runs the server bundle (out/server-main.js) and, when the
 * client names a folder for it (`--compile-cache=<absolute folder>`; the extension passes its global
 * storage), keeps V8's compiled code for the bundle there, so a start skips compiling it again (about a
 * third of the time to the first diagnostic, issue #24). Node 22's module.enableCompileCache does this for
 * any module, but VS Code and Node 20 may not have it.
 *
 * The cache is named by the bundle's content and the runtime (V8 version, architecture); it is read as
 * untrusted input (a regular file of at most MAX_COMPILE_CACHE_BYTES) and written once per name, atomically,
 * SAVE_AFTER_MS after the start — once the first files are checked, so the code they ran is in it too. V8
 * rejects a cache it did not make for this source and runtime; the server then runs as without one and
 * writes a fresh cache. Any failure to read or write it only costs the speed-up.
 */
import { createHash } from 'node:crypto';
import { readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { isAbsolute, join } from 'node:path';
import { Script } from 'node:vm';
import { COMPILE_CACHE_FLAG, MAX_COMPILE_CACHE_BYTES, readCapped } from '../../lib/core';

const BUNDLE = join(__dirname, 'server-main.js');
const SAVE_AFTER_MS = 2000;
const CACHE_FILE = /^server-[0-9a-f]{24}\.v8cache$/;

/** The folder named by `--compile-cache=<dir>`, if it is absolute. */
function compileCacheDir(argv: readonly string[]): string | undefined {
  const dir = argv.find((arg) => arg.startsWith(`${COMPILE_CACHE_FLAG}=`))?.slice(COMPILE_CACHE_FLAG.length + 1);
  return dir && isAbsolute(dir) ? dir : undefined;
}

/** The cache's file name for this bundle on this runtime. */
function cacheName(source: Buffer): string {
  const key = createHash('sha256').update(source).update(`\0${process.versions.v8}\0${process.arch}`).digest('hex');
  return `server-${key.slice(0, 24)}.v8cache`;
}

/**
 * The bundle compiled, with V8's cached code from `dir` when there is some. Its bytes and the cache's are
 * dropped here, before the server runs: kept alive through the start, they would outlive it in the old
 * generation (2.5 MB of garbage until the next full GC).
 */
function compile(dir: string | undefined): { script: Script; save?: () => void } {
  const read = readCapped(BUNDLE);
  if (!read.ok) throw new Error(`${read.message} Reinstall PXE Workbench.`);
  const source = read.bytes.toString('utf8');
  if (!dir) return { script: new Script(source, { filename: BUNDLE }) };
  const file = cacheName(read.bytes);
  const cached = readCapped(join(dir, file), MAX_COMPILE_CACHE_BYTES);
  const script = new Script(source, { filename: BUNDLE, ...(cached.ok ? { cachedData: cached.bytes } : {}) });
  const fresh = !cached.ok || script.cachedDataRejected === true;
  return fresh ? { script, save: () => save(script, dir, file) } : { script };
}

/** Runs the bundle (the function a CommonJS module's code is wrapped in) as a module would run. */
function run(script: Script): void {
  const module = { exports: {} };
  const main = script.runInThisContext() as (...args: unknown[]) => void;
  main.call(module.exports, module.exports, createRequire(BUNDLE), module, BUNDLE, __dirname);
}

/** Writes the script's compiled code to `file` (a temporary name, then a rename) and drops older caches. */
function save(script: Script, dir: string, file: string): void {
  try {
    const temporary = join(dir, `.${file}.${process.pid}.tmp`);
    writeFileSync(temporary, script.createCachedData(), { mode: 0o600 });
    renameSync(temporary, join(dir, file));
    for (const old of readdirSync(dir))
      if (CACHE_FILE.test(old) && old !== file) rmSync(join(dir, old), { force: true });
  } catch {
    // A folder that cannot be written (read-only, full) only costs the next start its speed-up.
  }
}

/** Starts the server, through the compile cache in `dir` when there is one. */
function start(dir: string | undefined): void {
  const { script, save: saveLater } = compile(dir);
  run(script);
  if (saveLater) setTimeout(saveLater, SAVE_AFTER_MS).unref();
}

start(compileCacheDir(process.argv));
