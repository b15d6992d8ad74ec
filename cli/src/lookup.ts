/** `pxe-workbench pxelinux-lookup`: the config files PXELINUX tries for a machine, in order. */
import { resolve } from 'node:path';
import { explainLookup, formatLookup, LookupError } from '../../lib/languages';
import { diskFiles, loadSiteView, siteOf } from '../../lib/site';
import { InputError } from '../../lib/engine';
import { EXIT } from './exit';

export interface LookupOptions {
  mac: string;
  ip: string;
  uuid?: string;
  tftp?: string;
}

export function lookupCommand(options: LookupOptions): number {
  const files = diskFiles();
  const siteFile = siteOf(process.cwd(), files);
  const root = options.tftp ? resolve(options.tftp) : ((siteFile && loadSiteView(siteFile).tftpRoot) ?? process.cwd());
  try {
    const result = explainLookup(
      { mac: options.mac, ip: options.ip, ...(options.uuid ? { uuid: options.uuid } : {}) },
      root,
      files,
    );
    process.stdout.write(`TFTP root: ${root}\n${formatLookup(result)}\n`);
    return EXIT.ok;
  } catch (error) {
    if (error instanceof LookupError) throw new InputError(error.message);
    throw error;
  }
}
