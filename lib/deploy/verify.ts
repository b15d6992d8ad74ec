/** After a deploy: ask the NAS's web server for every URL the boot chain fetches (HEAD), file by file. */
import { request } from 'node:http';
import { buildChain, isBroken, readDisk, type Hop } from '../chain';
import { diskFiles } from '../site/disk';
import type { SiteView } from '../core/ruleContext';
import { fenced } from '../core/net';

export interface UrlCheck {
  url: string;
  status?: number;
  error?: string;
  /** Not asked (test runs reach loopback only). */
  skipped?: boolean;
}

/** A check that says the web server does not serve the file (or does not answer). */
export function urlFailed(check: UrlCheck): boolean {
  return !check.skipped && !(check.status !== undefined && check.status >= 200 && check.status < 400);
}

/**
 * The http:// URLs of the chain that point at the NAS (each once), asked of the host deployed to: the site
 * names the NAS by the address machines use, the target by the address this machine reaches it at.
 */
export function chainUrls(site: SiteView, host?: string): string[] {
  const urls = new Set<string>();
  const visit = (hop: Hop): void => {
    if (hop.via === 'http' && hop.url && hop.path) {
      const url = new URL(hop.url);
      if (host) url.hostname = host;
      urls.add(url.href);
    }
    hop.children.forEach(visit);
  };
  buildChain({ site, files: diskFiles(), read: readDisk }).clients.forEach((c) => visit(c.root));
  return [...urls].sort();
}

/**
 * HEAD each URL (5 s each). Right after an nginx reload the old workers may still answer for a moment, so a
 * failing URL is asked again until `settleMs` have passed. With PXE_WORKBENCH_LOOPBACK_ONLY set (the test
 * suites), hosts other than loopback are not contacted.
 */
export async function verifyUrls(urls: readonly string[], signal?: AbortSignal, settleMs = 0): Promise<UrlCheck[]> {
  const checks: UrlCheck[] = [];
  const until = Date.now() + settleMs;
  for (const url of urls) {
    const host = new URL(url).hostname;
    if (fenced(host)) {
      checks.push({ url, error: 'not checked (loopback only)', skipped: true });
      continue;
    }
    let check = await head(url, signal);
    while (!(check.status && check.status < 400) && Date.now() < until && !signal?.aborted) {
      await new Promise((r) => setTimeout(r, 200));
      check = await head(url, signal);
    }
    checks.push(check);
  }
  return checks;
}

function head(url: string, signal?: AbortSignal): Promise<UrlCheck> {
  return new Promise<UrlCheck>((done) => {
    const req = request(url, { method: 'HEAD', timeout: 5_000, ...(signal ? { signal } : {}) }, (res) => {
      res.resume();
      done({ url, status: res.statusCode ?? 0 });
    });
    req.on('timeout', () => req.destroy(new Error('no answer within 5 s')));
    req.on('error', (error) => done({ url, error: error.message }));
    req.end();
  });
}

/** Machines whose boot chain is broken in the workspace (deploying would put a broken chain on the NAS). */
export function brokenMachines(site: SiteView): string[] {
  return buildChain({ site, files: diskFiles(), read: readDisk })
    .clients.filter((c) => isBroken(c.root))
    .map((c) => `${c.firmware.toUpperCase()} · ${c.name}`);
}
