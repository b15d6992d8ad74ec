import { describe, it } from 'vitest';
import { checkRule } from '../../helpers/markers';

const RULE = 'pxelinux.missingInitrd';

describe(RULE, () => {
  it('flags an initramfs-only parameter on an entry that loads no initrd', () => {
    checkRule(RULE, 'pxelinux.cfg/default', {
      bad: [
        `LABEL ubuntu\n  KERNEL casper/vmlinuz.efi\n  APPEND boot=casper netboot=nfs\n         ^^^^^^^^^^^ ${RULE}\n`,
        `APPEND inst.repo=http://mirror/fedora\nLABEL fedora\n  LINUX images/vmlinuz\n        ^^^^^^^^^^^^^^ ${RULE}\n`,
      ],
      good: [
        'LABEL ubuntu\n  KERNEL casper/vmlinuz\n  INITRD casper/initrd\n  APPEND boot=casper\n',
        'LABEL fedora\n  KERNEL vmlinuz\n  APPEND initrd=initrd.img inst.repo=http://mirror/fedora\n',
        'LABEL nfs\n  KERNEL vmlinuz\n  APPEND root=/dev/nfs nfsroot=10.0.0.1:/srv/root ip=dhcp\n',
        'LABEL dos\n  KERNEL memdisk\n  APPEND raw\nLABEL hdt\n  COM32 hdt.c32\n  APPEND rd.x=1\n',
      ],
    });
  });
});
