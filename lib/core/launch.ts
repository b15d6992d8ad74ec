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

/** `--compile-cache=<absolute folder>`: where the server keeps V8's compiled code for its bundle. */
export const COMPILE_CACHE_FLAG = '--compile-cache';

/** A cache file bigger than this is not read (the server's is ~1 MiB). */
export const MAX_COMPILE_CACHE_BYTES = 32 * 1024 * 1024;

/** The server's arguments for a compile cache in `dir` (absolute). */
export function compileCacheArgs(dir: string): string[] {
  return [`${COMPILE_CACHE_FLAG}=${dir}`];
}
