/** `pxe-workbench images update`: the Fedora CoreOS image updater from the command line. */
import { relative, resolve } from 'node:path';
import { InputError } from '../../lib/engine';
import { escapeControl, readCapped } from '../../lib/core';
import { DeployError, loadNasTarget } from '../../lib/deploy';
import {
  clock,
  ImageError,
  imagesSettings,
  mib,
  updateImages,
  updateImagesOnNas,
  type ImagesOptions,
} from '../../lib/images';
import { cliSecrets } from './deploy';

export type { ImagesOptions };

export async function imagesUpdate(options: ImagesOptions, cwd = process.cwd()): Promise<number> {
  let settings: ReturnType<typeof imagesSettings>;
  try {
    settings = imagesSettings(options, cwd);
  } catch (error) {
    if (error instanceof ImageError) throw new InputError(error.message);
    throw error;
  }
  let gpgKey: string | undefined;
  if (options.gpgKey) {
    const read = readCapped(resolve(cwd, options.gpgKey), 1024 * 1024);
    if (!read.ok) throw new InputError(`--gpg-key ${read.message}`);
    gpgKey = read.bytes.toString('utf8');
  }
  const abort = new AbortController();
  const onInterrupt = (): void => abort.abort();
  process.once('SIGINT', onInterrupt);
  const tty = process.stderr.isTTY === true;
  let nas;
  if (options.on) {
    if (!settings.siteFile)
      throw new InputError(`--on ${options.on}: needs a pxe-site.json with that target (pass --site).`);
    try {
      nas = loadNasTarget(settings.siteFile, options.on);
    } catch (error) {
      if (error instanceof DeployError) throw new InputError(error.message);
      throw error;
    }
  }
  const where = nas ? `${nas.name} (over SSH)` : relative(cwd, settings.dest) || '.';
  try {
    const run = nas
      ? (o: Parameters<typeof updateImages>[0]) => updateImagesOnNas(nas, { ...o, secrets: cliSecrets })
      : (o: Parameters<typeof updateImages>[0]) => updateImages(o);
    const result = await run({
      ...settings,
      ...(gpgKey ? { gpgKey } : {}),
      signal: abort.signal,
      log: (line) => process.stderr.write(`${tty ? '\r\x1b[K' : ''}${line}\n`),
      progress: (p) => {
        if (tty)
          process.stderr.write(
            `\r\x1b[K${mib(p.done)} of ${mib(p.total)} · ${mib(p.bytesPerSecond)}/s${p.etaSeconds !== undefined ? ` · ${clock(p.etaSeconds)} left` : ''}`,
          );
      },
    });
    if (tty) process.stderr.write('\r\x1b[K');
    if (result.upToDate)
      process.stdout.write(
        `Fedora CoreOS ${result.release} (${settings.stream}, ${settings.arch}) is already current in ${where}; nothing downloaded.\n`,
      );
    else
      process.stdout.write(
        `Fedora CoreOS ${result.release} (${settings.stream}, ${settings.arch}) is now current in ${where}: ${result.downloaded.length} file(s), ${mib(result.bytes)} in ${clock(result.seconds)}${result.removed.length ? `; removed ${result.removed.length} file(s) of older versions (keeping ${settings.keep})` : ''}.\n`,
      );
    return 0;
  } catch (error) {
    if (error instanceof ImageError) {
      process.stderr.write(`${tty ? '\r\x1b[K' : ''}pxe-workbench: ${escapeControl(error.message)}\n`);
      return 1;
    }
    throw error;
  } finally {
    process.removeListener('SIGINT', onInterrupt);
  }
}
