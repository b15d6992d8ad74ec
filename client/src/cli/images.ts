/** `pxe-workbench images update`: the Fedora CoreOS image updater from the command line. */
import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { InputError } from '../../../server/src/engine';
import { diskFiles, findSiteFile, readSite } from '../../../server/src/site/context';
import { ARCHES, clock, ImageError, mib, STREAMS, updateImages, type Arch, type Stream } from '../images';

export interface ImagesOptions {
  site?: string;
  dest?: string;
  stream?: string;
  arch?: string;
  keep?: string;
  streamUrl?: string;
  gpgKey?: string;
}

/** The updater's settings: the flags, else the site's `images`, else the defaults. */
export function imagesSettings(options: ImagesOptions, cwd = process.cwd()): { dest: string; stream: Stream; arch: Arch; keep: number; streamUrl?: string } {
  const siteFile = options.site ? resolve(cwd, options.site) : findSiteFile(cwd, diskFiles());
  const images = siteFile ? readSite(siteFile)?.images : undefined;
  const dest = options.dest ? resolve(cwd, options.dest) : images?.dir;
  if (!dest) throw new InputError('where should the images go? Pass --dest DIR, or add "images": { "dir": "tftp/fedora-coreos" } to pxe-site.json.');
  const stream = options.stream ?? images?.stream ?? 'stable';
  if (!(STREAMS as readonly string[]).includes(stream)) throw new InputError(`--stream ${stream}: use one of ${STREAMS.join(', ')}.`);
  const arch = options.arch ?? images?.arch ?? 'x86_64';
  if (!(ARCHES as readonly string[]).includes(arch)) throw new InputError(`--arch ${arch}: use one of ${ARCHES.join(', ')}.`);
  const keep = options.keep !== undefined ? Number(options.keep) : (images?.keep ?? 4);
  if (!Number.isInteger(keep) || keep < 1) throw new InputError(`--keep ${options.keep}: a whole number of versions, at least 1.`);
  const streamUrl = options.streamUrl ?? images?.streamUrl;
  return { dest, stream: stream as Stream, arch: arch as Arch, keep, ...(streamUrl ? { streamUrl } : {}) };
}

export async function imagesUpdate(options: ImagesOptions, cwd = process.cwd()): Promise<number> {
  const settings = imagesSettings(options, cwd);
  let gpgKey: string | undefined;
  if (options.gpgKey) {
    try {
      gpgKey = readFileSync(resolve(cwd, options.gpgKey), 'utf8');
    } catch (error) {
      throw new InputError(`--gpg-key ${options.gpgKey}: cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)}).`);
    }
  }
  const abort = new AbortController();
  const onInterrupt = (): void => abort.abort();
  process.once('SIGINT', onInterrupt);
  const tty = process.stderr.isTTY === true;
  const where = relative(cwd, settings.dest) || '.';
  try {
    const result = await updateImages({
      ...settings,
      ...(gpgKey ? { gpgKey } : {}),
      signal: abort.signal,
      log: (line) => process.stderr.write(`${tty ? '\r\x1b[K' : ''}${line}\n`),
      progress: (p) => {
        if (tty) process.stderr.write(`\r\x1b[K${mib(p.done)} of ${mib(p.total)} · ${mib(p.bytesPerSecond)}/s${p.etaSeconds !== undefined ? ` · ${clock(p.etaSeconds)} left` : ''}`);
      },
    });
    if (tty) process.stderr.write('\r\x1b[K');
    if (result.upToDate) process.stdout.write(`Fedora CoreOS ${result.release} (${settings.stream}, ${settings.arch}) is already current in ${where}; nothing downloaded.\n`);
    else process.stdout.write(`Fedora CoreOS ${result.release} (${settings.stream}, ${settings.arch}) is now current in ${where}: ${result.downloaded.length} file(s), ${mib(result.bytes)} in ${clock(result.seconds)}${result.removed.length ? `; removed ${result.removed.length} file(s) of older versions (keeping ${settings.keep})` : ''}.\n`);
    return 0;
  } catch (error) {
    if (error instanceof ImageError) {
      process.stderr.write(`${tty ? '\r\x1b[K' : ''}pxe-workbench: ${error.message}\n`);
      return 1;
    }
    throw error;
  } finally {
    process.removeListener('SIGINT', onInterrupt);
  }
}
