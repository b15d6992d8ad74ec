/** Downloads a per-version `/console/inspect` dump (plain Node: editor command and tests share it). */
import { get as httpGet, type IncomingMessage } from 'node:http';
import { get as httpsGet } from 'node:https';

export class DownloadError extends Error {
  override readonly name = 'DownloadError';
}

/** `{version}` in the template is replaced, e.g. https://…/docs/{version}/inspect.json. */
export function treeUrl(template: string, version: string): string {
  return template.replace(/\{version\}/g, encodeURIComponent(version));
}

export function downloadTree(
  url: string,
  options: { signal?: AbortSignal; timeoutMs?: number; maxBytes?: number; redirects?: number } = {},
): Promise<Buffer> {
  const { timeoutMs = 30_000, maxBytes = 64 * 1024 * 1024, redirects = 5 } = options;
  return new Promise((resolve, reject) => {
    const get = url.startsWith('https:') ? httpsGet : url.startsWith('http:') ? httpGet : undefined;
    if (!get) return reject(new DownloadError(`${url}: only http:// and https:// URLs can be downloaded.`));
    const request = get(
      url,
      { timeout: timeoutMs, ...(options.signal ? { signal: options.signal } : {}) },
      (response: IncomingMessage) => {
        const status = response.statusCode ?? 0;
        if (status >= 300 && status < 400 && response.headers.location && redirects > 0) {
          response.resume();
          resolve(downloadTree(new URL(response.headers.location, url).href, { ...options, redirects: redirects - 1 }));
          return;
        }
        if (status !== 200) {
          response.resume();
          reject(
            new DownloadError(
              `${url} answered HTTP ${status}: there may be no dump for that version; check pxeWorkbench.routeros.treeUrl.`,
            ),
          );
          return;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxBytes) {
            request.destroy();
            reject(new DownloadError(`${url} is larger than ${maxBytes} bytes; that is no command tree.`));
          } else chunks.push(chunk);
        });
        response.on('end', () => resolve(Buffer.concat(chunks)));
        response.on('error', (error) => reject(new DownloadError(`${url}: ${error.message}`, { cause: error })));
      },
    );
    request.on('timeout', () =>
      request.destroy(new DownloadError(`${url} did not answer within ${timeoutMs / 1000} s.`)),
    );
    request.on('error', (error) =>
      reject(
        error instanceof DownloadError
          ? error
          : new DownloadError(
              options.signal?.aborted
                ? 'Stopped: the command tree was not downloaded.'
                : `${url}: ${error.message} (offline?). Load the dump from a file instead.`,
              { cause: error },
            ),
      ),
    );
  });
}
