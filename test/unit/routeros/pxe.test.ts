import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintText } from '../../../lib/engine';
import { diskContext } from '../../../lib/site/view';
import { flagged } from '../../helpers/markers';

/** A site whose TFTP/HTTP folder holds lpxelinux.0 and boot.ipxe; returns the .rsc path. */
function site(): string {
  const root = mkdtempSync(join(tmpdir(), 'pxe-rsc-'));
  mkdirSync(join(root, 'tftp'));
  mkdirSync(join(root, 'router'));
  for (const f of ['lpxelinux.0', 'boot.ipxe']) writeFileSync(join(root, 'tftp', f), 'x');
  writeFileSync(
    join(root, 'pxe-site.json'),
    JSON.stringify({
      version: 1,
      name: 't',
      network: { subnet: '192.168.255.0/24', router: '192.168.255.1' },
      tftp: { root: 'tftp' },
      http: { baseUrl: 'http://192.168.255.2/tftp/', root: 'tftp' },
    }),
  );
  return join(root, 'router', 'pxe.rsc');
}

const hits = (rule: string, path: string, text: string): string[] =>
  lintText(path, text, { context: diskContext(path) })
    .findings.filter((f) => f.ruleId === rule)
    .map((f) => text.slice(f.start, f.end));

describe('RouterOS PXE checks against the site', () => {
  const OPT = '/ip dhcp-server option\n';
  it('routeros.bootFileNotServed: option 67 names a file no /ip tftp entry of the script serves', () => {
    const tftp =
      '/ip tftp\nadd req-filename=lpxelinux.0 real-filename=/pxe/lpxelinux.0\nadd req-filename="pxelinux.cfg/.*" ' +
      'real-filename=/pxe/cfg\nadd disabled=yes req-filename=.*\n';
    const text =
      `${tftp}${OPT}add code=67 name=a value="'ipxe.efi'"\nadd code=67 name=b value="'lpxelinux.0'"\nadd ` +
      `code=67 name=c value="'http://x/boot.ipxe'"\n`;
    expect(flagged('routeros.bootFileNotServed', 'a.rsc', text)).toEqual([`"'ipxe.efi'"`]);
    // No /ip tftp entries (another TFTP server), or one serving everything: nothing to say.
    expect(flagged('routeros.bootFileNotServed', 'a.rsc', `${OPT}add code=67 name=a value="'ipxe.efi'"\n`)).toEqual([]);
    expect(
      flagged(
        'routeros.bootFileNotServed',
        'a.rsc',
        `/ip tftp\nadd real-filename=/pxe/\n${OPT}add code=67 name=a value="'ipxe.efi'"\n`,
      ),
    ).toEqual([]);
  });

  it('routeros.bootFileMissing: option 67 names a file the TFTP folder lacks', () => {
    const path = site();
    expect(
      hits(
        'routeros.bootFileMissing',
        path,
        `${OPT}add code=67 name=a value="'lpxelinx.0'"\nadd code=67 name=b value="'lpxelinux.0'"\n`,
      ),
    ).toEqual([`"'lpxelinx.0'"`]);
    expect(
      hits('routeros.bootFileMissing', join(tmpdir(), 'nosite.rsc'), `${OPT}add code=67 name=a value="'lpxelinx.0'"\n`),
    ).toEqual([]);
  });

  it('routeros.rootPathUnmapped: option 17 points under the HTTP base URL at nothing', () => {
    const path = site();
    const text =
      `${OPT}add code=17 name=a value="'http://192.168.255.2/tftp/bot.ipxe'"\nadd code=17 name=b ` +
      `value="'http://192.168.255.2/tftp/boot.ipxe'"\nadd code=17 name=c ` +
      `value="'http://elsewhere/x.ipxe'"\n`;
    expect(hits('routeros.rootPathUnmapped', path, text)).toEqual([`"'http://192.168.255.2/tftp/bot.ipxe'"`]);
  });

  it('routeros.nextServerCleared: an empty next-server does not clear it', () => {
    expect(
      flagged(
        'routeros.nextServerCleared',
        'a.rsc',
        '/ip dhcp-server network\nset [ find address=192.168.255.0/24 ] next-server=""\nset [ find ] next-server=0.0.0.0\n',
      ),
    ).toEqual(['next-server=""']);
  });
});
