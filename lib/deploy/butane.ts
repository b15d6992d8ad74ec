/**
 * Butane sources of the Ignition configs a site serves (`butane.sources`): deploy translates each before it
 * uploads and sends the translation as its `.ign`; an `.ign` older than the `.bu` beside it is never sent.
 * Also the one form a translation is written in (deploy, node generation, the CLI's `-o`) and Butane's
 * report line.
 */
import { statSync } from 'node:fs';
import { basename, dirname, join, relative, sep } from 'node:path';
import { reportLine, translateText, type ButaneReport, type TranslatedText } from '../languages/butane';
import { butaneFilesDir, type SiteView } from '../core/ruleContext';
import { escapeControl, readCapped } from '../core/untrusted';
import { DeployError } from './errors';
import type { LocalEntry } from './local';

export { butanePath, ignitionText, reportLine, translateText, type TranslatedText } from '../languages/butane';

const shownPath = (root: string, path: string): string => escapeControl(relative(root, path).split(sep).join('/'));

/** The first reports as lines, and how many more there are. */
function reportList(reports: ButaneReport[], text: string): string {
  const lines = reports.slice(0, 5).map((r) => reportLine(r, text));
  return lines.join('; ') + (reports.length > 5 ? `; and ${reports.length - 5} more` : '');
}

/** A named Butane source read (capped) and translated against the site's files dir, or why it cannot be read. */
export function translateSourceFile(
  site: SiteView,
  source: string,
): { text: string; result: TranslatedText } | { unreadable: string } {
  const read = readCapped(source);
  if (!read.ok) return { unreadable: read.why };
  const text = read.bytes.toString('utf8');
  return { text, result: translateText(text, butaneFilesDir(site, source)) };
}

/** One named source translated for deploy; a missing, unreadable or failing source stops the deploy. */
function translateSource(site: SiteView, source: string, log: (line: string) => void): string {
  const name = shownPath(site.root, source);
  const translated = translateSourceFile(site, source);
  if ('unreadable' in translated)
    throw new DeployError(
      `Not deployed, nothing was uploaded: the Butane source ${name} (butane.sources in pxe-site.json) ` +
        `cannot be read (${translated.unreadable}). Correct the path or add the file.`,
    );
  const { text, result } = translated;
  for (const warning of result.warnings) log(`${name}: ${reportLine(warning, text)}`);
  if (result.output === undefined)
    throw new DeployError(
      `Not deployed, nothing was uploaded: ${name} does not translate to Ignition ` +
        `(${reportList(result.errors, text) || 'no Ignition produced'}). Fix it (the editor marks each ` +
        `report at its line; \`pxe-workbench butane ${name}\` prints them), then deploy again.`,
    );
  return result.output;
}

/**
 * The local tree with every named Butane source translated: each source's target (inside `root`; with
 * `only`, among those files) becomes a generated entry holding the translation, in place of the file on
 * disk. Throws `DeployError` when a source fails to translate, before anything is uploaded.
 */
export function withTranslations(
  site: SiteView,
  root: string,
  local: LocalEntry[],
  options: { log?: (line: string) => void; only?: readonly string[] } = {},
): LocalEntry[] {
  const log = options.log ?? (() => undefined);
  const out = [...local];
  for (const { source, target } of site.butane?.sources ?? []) {
    const path = relative(root, target).split(sep).join('/');
    if (path.startsWith('..') || path === '' || /^[/\\]/.test(path)) continue; // not deployed from this root
    if (options.only && !options.only.includes(path)) continue; // an upload of other files: not translated
    const content = Buffer.from(translateSource(site, source, log));
    const mtime = Math.floor(statSync(source).mtimeMs / 1000);
    const index = out.findIndex((e) => e.path === path);
    const there = index >= 0 ? readCapped(target) : undefined;
    if (there?.ok && !there.bytes.equals(content))
      log(
        `${escapeControl(path)}: the local copy differs from the translation of ${shownPath(site.root, source)}; ` +
          'deploying the translation (write it with `pxe-workbench butane --pretty SOURCE -o TARGET`)',
      );
    const entry: LocalEntry = { path, kind: 'file', size: content.length, mtime, content };
    if (index >= 0) out[index] = entry;
    else out.push(entry);
  }
  return out;
}

/**
 * Refuses to send an `.ign` older than the `.bu` beside it (same folder, same name) that deploy does not
 * translate: the machines would boot the configuration from before the last edit.
 */
export function refuseStale(site: SiteView, root: string, local: readonly LocalEntry[]): void {
  const stale: { ign: string; bu: string }[] = [];
  for (const entry of local) {
    if (entry.kind !== 'file' || entry.content || !entry.path.endsWith('.ign')) continue;
    const ign = join(root, ...entry.path.split('/'));
    const bu = join(dirname(ign), `${basename(ign, '.ign')}.bu`);
    let buTime: number;
    try {
      buTime = Math.floor(statSync(bu).mtimeMs / 1000);
    } catch {
      continue;
    }
    if (buTime > entry.mtime) stale.push({ ign, bu });
  }
  const first = stale[0];
  if (!first) return;
  const list =
    stale
      .slice(0, 5)
      .map((s) => `${shownPath(root, s.ign)} is older than ${shownPath(root, s.bu)}`)
      .join('; ') + (stale.length > 5 ? `; and ${stale.length - 5} more` : '');
  const command = `pxe-workbench butane --pretty ${shownPath(site.root, first.bu)} -o ${shownPath(site.root, first.ign)}`;
  throw new DeployError(
    `Not deployed, nothing was uploaded: ${list}, so it is not the translation of the last edit. ` +
      `Re-translate (\`${command}\`), or let deploy do it: name the pair in butane.sources of pxe-site.json.`,
  );
}
