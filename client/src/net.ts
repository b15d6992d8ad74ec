/**
 * The test suites' network fence: with PXE_WORKBENCH_LOOPBACK_ONLY set (npm test sets it), nothing connects
 * anywhere but 127.0.0.0/8 and ::1 — no SSH, RouterOS API, HTTP check or download, whatever a site file names.
 */
export const LOOPBACK = /^(127\.\d+\.\d+\.\d+|\[?::1\]?|localhost)$/;

/** Why `host` must not be contacted now, or undefined when it may be. */
export function fenced(host: string): string | undefined {
  if (!process.env.PXE_WORKBENCH_LOOPBACK_ONLY || LOOPBACK.test(host)) return undefined;
  return `not connecting to ${host}: PXE_WORKBENCH_LOOPBACK_ONLY is set (a test run), which allows 127.0.0.1 and ::1 only. Point the target at a local server, or unset the variable outside the tests.`;
}
