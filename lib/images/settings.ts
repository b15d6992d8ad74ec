/** Where the updater's settings come from: the flags, else the site's `images`, else the defaults. */
import { resolve } from 'node:path';
import { siteOf } from '../site/discover';
import { loadSiteView } from '../site/view';
import { ARCHES, ImageError, STREAMS, type Arch, type Stream } from './stream';

export interface ImagesOptions {
  site?: string;
  dest?: string;
  stream?: string;
  arch?: string;
  keep?: string;
  streamUrl?: string;
  gpgKey?: string;
  /** Run the update on this NAS target over SSH instead of here. */
  on?: string;
}

/** The updater's settings: the flags, else the site's `images`, else the defaults. */
export function imagesSettings(
  options: ImagesOptions,
  cwd = process.cwd(),
): { siteFile?: string; dest: string; stream: Stream; arch: Arch; keep: number; streamUrl?: string } {
  const siteFile = options.site ? resolve(cwd, options.site) : siteOf(cwd);
  const images = siteFile ? loadSiteView(siteFile).images : undefined;
  const dest = options.dest ? resolve(cwd, options.dest) : images?.dir;
  if (!dest)
    throw new ImageError(
      'where should the images go? Pass --dest DIR, or add "images": { "dir": "tftp/fedora-coreos" } to pxe-site.json.',
    );
  const stream = options.stream ?? images?.stream ?? 'stable';
  if (!(STREAMS as readonly string[]).includes(stream))
    throw new ImageError(`--stream ${stream}: use one of ${STREAMS.join(', ')}.`);
  const arch = options.arch ?? images?.arch ?? 'x86_64';
  if (!(ARCHES as readonly string[]).includes(arch))
    throw new ImageError(`--arch ${arch}: use one of ${ARCHES.join(', ')}.`);
  const keep = options.keep !== undefined ? Number(options.keep) : (images?.keep ?? 4);
  if (!Number.isInteger(keep) || keep < 1)
    throw new ImageError(`--keep ${options.keep}: a whole number of versions, at least 1.`);
  const streamUrl = options.streamUrl ?? images?.streamUrl;
  return {
    ...(siteFile ? { siteFile } : {}),
    dest,
    stream: stream as Stream,
    arch: arch as Arch,
    keep,
    ...(streamUrl ? { streamUrl } : {}),
  };
}
