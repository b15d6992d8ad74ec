/**
 * How a client starts the language server (out/server.js): the Node flags and arguments the extension passes,
 * shared with the bench so it measures the server as users run it.
 */

/**
 * The young generation capped at 1 MiB a half (V8's default grows to 16 MiB): an editor's server lints
 * small texts in short bursts, and the grown halves stayed resident after the first files were opened
 * (7.5 MiB of the server's 68 MiB after the home lab, issue #24). Other editors can pass the same flag.
 */
export const SERVER_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=1'];

/**
 * The server's environment beyond the client's: glibc's malloc (Node on Linux) hands blocks of 128 KiB and
 * more to the kernel when they are freed, as it does before its threshold moves. By default the threshold
 * grows to the largest block freed so far, so once the server has freed its 1.6 MB compile cache, every
 * file read and parse buffer up to that size is taken from the heap, which does not shrink (2.3 MiB of the
 * server's 61 after the home lab, issue #24). Other allocators ignore the variable.
 */
export const SERVER_ENV: Readonly<Record<string, string>> = { MALLOC_MMAP_THRESHOLD_: '131072' };

/** `--compile-cache=<absolute folder>`: where the server keeps V8's compiled code for its bundle. */
export const COMPILE_CACHE_FLAG = '--compile-cache';

/** A cache file bigger than this is not read (the server's is ~1 MiB). */
export const MAX_COMPILE_CACHE_BYTES = 32 * 1024 * 1024;

/** The server's arguments for a compile cache in `dir` (absolute). */
export function compileCacheArgs(dir: string): string[] {
  return [`${COMPILE_CACHE_FLAG}=${dir}`];
}
