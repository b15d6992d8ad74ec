import { report } from '../../../core/rule';
import { loaders, urls } from '../fileRefs';
import { pxelinuxRule } from './shared';

export const httpNeedsLpxelinux = pxelinuxRule({
  id: 'pxelinux.httpNeedsLpxelinux',
  language: 'pxelinux',
  severity: 'warning',
  summary: 'http:// or ftp:// paths while the TFTP root only has plain pxelinux.0, which fetches over TFTP only.',
  example: 'LABEL fcos\n  KERNEL http://192.168.255.2/tftp/vmlinuz',
  fix: 'Boot lpxelinux.0 instead (same package; DHCP option 67), or use TFTP paths.',
  levelWhy:
    'Warning: pxelinux.0 (5.x/6.x) has no HTTP client, so the entry fails; not an error because DHCP may hand out a ' +
    'loader this tree does not hold.',
  check(config, _text, context) {
    const files = loaders(context);
    if (!files.has('pxelinux.0') || files.has('lpxelinux.0') || files.has('syslinux.efi')) return [];
    return urls(config).map((w) =>
      report(
        this,
        w,
        'pxelinux.0 cannot fetch http:// or ftp:// URLs: boot lpxelinux.0 (it is beside it in the pxelinux package) ' +
          'or use a TFTP path.',
      ),
    );
  },
});
