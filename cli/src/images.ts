/** `pxe-workbench images update`: the Fedora CoreOS image updater from the command line. */
import { relative, resolve } from 'node:path';
import { InputError } from '../../lib/engine';
import { escapeControl, readCapped } from '../../lib/core';
import { DeployError, loadNasTarget, type NasTarget } from '../../lib/deploy';
import {
  clock,
  ImageError,
  imagesSettings,
  mib,
  progressText,
  updateImages,
  updateImagesOnNas,
  type ImagesOptions,
  type UpdateOptions,
  type UpdateResult,
} from '../../lib/images';
import { cliSecrets, interruptible } from './prompt';
import { asInput } from './input';

export type { ImagesOptions };

type Settings = ReturnType<typeof imagesSettings>;

export async function imagesUpdateCommand(options: ImagesOptions, cwd = process.cwd()): Promise<number> {
  const settings = asInput(() => imagesSettings(options, cwd), ImageError);
  const gpgKey = gpgKeyOf(options, cwd);
  const nas = options.on ? nasOf(options.on, settings) : undefined;
  const where = nas ? `${nas.name} (over SSH)` : relative(cwd, settings.dest) || '.';
  // On a terminal the progress line is redrawn in place: every other line first clears it.
  const clear = process.stderr.isTTY === true ? '\r\x1b[K' : '';
  return interruptible(async (signal) => {
    try {
      const run = nas
        ? (o: UpdateOptions) => updateImagesOnNas(nas, { ...o, secrets: cliSecrets })
        : (o: UpdateOptions) => updateImages(o);
      const result = await run({
        ...settings,
        ...(gpgKey ? { gpgKey } : {}),
        signal,
        log: (line) => process.stderr.write(`${clear}${line}\n`),
        progress: (p) => {
          if (clear) process.stderr.write(`${clear}${progressText(p)}`);
        },
      });
      if (clear) process.stderr.write(clear);
      process.stdout.write(resultLine(result, settings, where));
      return 0;
    } catch (error) {
      if (error instanceof ImageError) {
        process.stderr.write(`${clear}pxe-workbench: ${escapeControl(error.message)}\n`);
        return 1;
      }
      throw error;
    }
  });
}

function gpgKeyOf(options: ImagesOptions, cwd: string): string | undefined {
  if (!options.gpgKey) return undefined;
  const read = readCapped(resolve(cwd, options.gpgKey), 1024 * 1024);
  if (!read.ok) throw new InputError(`--gpg-key ${read.message}`);
  return read.bytes.toString('utf8');
}

/** The NAS target of `--on`: the update then runs there over SSH. */
function nasOf(on: string, settings: Settings): NasTarget {
  if (!settings.siteFile) throw new InputError(`--on ${on}: needs a pxe-site.json with that target (pass --site).`);
  const siteFile = settings.siteFile;
  return asInput(() => loadNasTarget(siteFile, on), DeployError);
}

function resultLine(result: UpdateResult, settings: Settings, where: string): string {
  const release = `Fedora CoreOS ${result.release} (${settings.stream}, ${settings.arch})`;
  if (result.upToDate) return `${release} is already current in ${where}; nothing downloaded.\n`;
  const removed = result.removed.length
    ? `; removed ${result.removed.length} file(s) of older versions (keeping ${settings.keep})`
    : '';
  return (
    `${release} is now current in ${where}: ${result.downloaded.length} file(s), ` +
    `${mib(result.bytes)} in ${clock(result.seconds)}${removed}.\n`
  );
}
