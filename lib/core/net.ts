/**
 * The test suites' network fence: with PXE_WORKBENCH_LOOPBACK_ONLY set (npm test sets it), nothing connects
 * anywhere but 127.0.0.0/8 and ::1 — no SSH, RouterOS API, HTTP check or download, whatever a site file names.
 */
export const LOOPBACK = /^(127\.\d+\.\d+\.\d+|\[?::1\]?|localhost)$/;

/** Why `host` must not be contacted now, or undefined when it may be. */
export function fenced(host: string): string | undefined {
  if (!process.env.PXE_WORKBENCH_LOOPBACK_ONLY || LOOPBACK.test(host)) return undefined;
  return (
    `not connecting to ${host}: PXE_WORKBENCH_LOOPBACK_ONLY is set (a test run), which allows 127.0.0.1 and ::1 only. ` +
    'Point the target at a local server, or unset the variable outside the tests.'
  );
}

/**
 * The body of an HTTP reply, refused past `maxBytes` (by its content-length, else while it arrives): a
 * mirror or a man in the middle cannot fill the memory with a reply that should be small.
 */
export async function bodyCapped(response: Response, maxBytes: number): Promise<Buffer> {
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (declared > maxBytes) {
    await response.body?.cancel();
    throw new RangeError(`the reply is ${declared} bytes, more than the ${maxBytes} expected`);
  }
  const chunks: Buffer[] = [];
  let length = 0;
  const reader = response.body?.getReader();
  for (;;) {
    const next = await reader?.read();
    if (!next || next.done) break;
    const chunk = next.value;
    length += chunk.length;
    if (length > maxBytes) {
      await reader?.cancel().catch(() => undefined);
      throw new RangeError(`the reply grew past the ${maxBytes} bytes expected`);
    }
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks);
}
