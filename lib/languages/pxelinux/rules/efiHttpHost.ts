import { report } from '../../../core/rule';
import { loaders, urls } from '../fileRefs';
import { urlHost } from '../paths';
import { pxelinuxRule } from './shared';

export const efiHttpHost = pxelinuxRule({
  id: 'pxelinux.efiHttpHost',
  language: 'pxelinux',
  severity: 'warning',
  summary:
    "syslinux.efi fetches http:// URLs from the TFTP server's address, whatever host the URL names (Debian bug #907805).",
  example: 'LABEL fcos\n  KERNEL http://192.168.255.9/fcos/vmlinuz',
  fix: 'Serve the files over HTTP from the TFTP server itself, or give UEFI machines iPXE instead.',
  levelWhy:
    'Warning: UEFI machines ask the wrong host and the entry fails there, while BIOS machines booting lpxelinux.0 from ' +
    'the same config work.',
  check(config, _text, context) {
    const server = context.site?.tftpServer;
    if (!server || !loaders(context).has('syslinux.efi')) return [];
    return urls(config)
      .filter((w) => urlHost(w.text) && urlHost(w.text) !== server)
      .map((w) =>
        report(
          this,
          w,
          `Under UEFI, syslinux.efi asks the TFTP server (${server}) for this, not ${urlHost(w.text)} ` +
            `(Debian bug #907805): serve it from ${server} or boot UEFI machines with iPXE.`,
        ),
      );
  },
});
