import type { RuleMeta } from '../core/rule';

const rule = <const Id extends string>(
  id: Id,
  severity: RuleMeta['severity'],
  summary: string,
  example: string,
  fix: string,
  levelWhy: string,
): RuleMeta<`chain.${Id}`> => ({ id: `chain.${id}`, language: 'chain', severity, summary, example, fix, levelWhy });

/**
 * Rules that need the whole site: each finding sits where the fix belongs and points at the other end.
 * The chain reports them by object (`CHAIN.missingFile`), never by a bare id.
 */
export const CHAIN = {
  missingFile: rule(
    'missingFile',
    'error',
    'A file the boot chain fetches (boot file, kernel, initrd, rootfs, chained script, ' +
      'PXELINUX config) is not in the workspace where the TFTP or HTTP server would look for it.',
    'kernel http://192.168.255.2/tftp/fedora-coreos/vmlinuz-typo',
    'Correct the name (the message shows the path it resolved to), or add the file.',
    'the TFTP or HTTP server answers "not found" and the machine stops at this hop.',
  ),
  ignitionUnreachable: rule(
    'ignitionUnreachable',
    'error',
    'The `ignition.config.url` (or an Ignition merge/replace source) points at a file that is ' +
      'not served: the machine boots without its configuration.',
    'ignition.config.url=http://192.168.255.2/tftp/fedora-coreos/conifg.ign',
    'Correct the URL, or put the config where the URL points.',
    'the machine boots, Ignition cannot fetch its config and the first boot fails (Fedora CoreOS halts in the initramfs).',
  ),
  butaneServed: rule(
    'butaneServed',
    'error',
    'An Ignition URL serves a Butane config (.bu) that the machines cannot read: their Ignition is older than ' +
      "2.27.0 (the site's butane.ignitionReadsButane is off), or the config is of an experimental version.",
    'ignition.config.url=http://192.168.255.2/tftp/fedora-coreos/config.bu',
    'Serve the translation: name the .bu → .ign pair in butane.sources (deploy translates it) and point the URL at ' +
      'the .ign; or set butane.ignitionReadsButane when the machines run Ignition 2.27.0 or later.',
    'Ignition cannot parse the config and the first boot fails (Fedora CoreOS halts in the initramfs).',
  ),
  imageMissing: rule(
    'imageMissing',
    'info',
    'A Fedora CoreOS artifact that the image updater downloads (declared by `images` in pxe-site.json, git-ignored) is not downloaded yet.',
    '"images": { "dir": "tftp/fedora-coreos" } and no kernel in it yet',
    'Run PXE: Update Fedora CoreOS Images (the quick fix does it).',
    'expected in a fresh clone (the images are git-ignored downloads); nothing is wrong with the files, one command fetches them.',
  ),
  brokenSymlink: rule(
    'brokenSymlink',
    'warning',
    'A kernel/initramfs/rootfs symlink points to a version that is not there (rotated away or mistyped) while other versions are.',
    'kernel-x86_64 -> fedora-coreos-41.0-live-kernel-x86_64 (deleted)',
    'Run the image updater again, or repoint the link to a version that exists.',
    'very likely wrong: the link was meant to point at a version that exists; it only works if the NAS still has the old file.',
  ),
  foreignHost: rule(
    'foreignHost',
    'warning',
    'A URL in the boot chain names a host that is neither the NAS nor the router of the site: ' +
      'the workspace cannot check it and deploy does not put it there.',
    'kernel http://192.168.1.9/fcos/vmlinuz',
    'Use the NAS address from pxe-site.json, or correct network.nas.',
    'often deliberate (a public mirror), but then the workspace cannot check the hop and ' +
      'deploy does not serve it: very likely not what a self-hosted lab meant.',
  ),
  notServed: rule(
    'notServed',
    'warning',
    "A URL on the NAS whose path the nginx snippet (or the site's HTTP base URL) does not serve: the web server answers 404.",
    'option 17 http://192.168.255.2/boot/fcos.ipxe with nginx `location /tftp/`',
    'Use a URL under the served location, or add a location to the nginx snippet.',
    'very likely a 404, but the NAS may serve the path from a location outside the snippet the workspace knows.',
  ),
  nginxAlias: rule(
    'nginxAlias',
    'warning',
    'The nginx `alias` does not point at the folder deploy fills (targets.nas.remoteRoot), or ' +
      'drops the trailing slash that its location has.',
    'location /tftp/ { alias /volume1/docker/tftp; }',
    'Make the alias the remote root with a trailing slash, e.g. alias /volume1/docker/tftp/;',
    'very likely serves a different folder than deploy fills, but the NAS may have that folder filled by hand.',
  ),
  nextServerMismatch: rule(
    'nextServerMismatch',
    'warning',
    'DHCP option 66 (TFTP server name) and `next-server` name different hosts: some firmware uses one, some the other.',
    'add code=66 name=tftp value="\'192.168.255.2\'" … next-server=192.168.255.3',
    "Make both the TFTP server's address.",
    'firmware differ in which one they use, so it works on some machines and not others: very likely wrong.',
  ),
  noBootFile: rule(
    'noBootFile',
    'warning',
    'Machines of this firmware get no boot file (no option 67 and no `boot-file-name`): they cannot network-boot.',
    '/ip dhcp-server network\nadd address=192.168.255.0/24 dhcp-option-set=only-hostname',
    'Add option 67 to the option set the network or lease uses.',
    'very likely an option set missing option 67, but a site may deliberately not network-boot one firmware.',
  ),
  firmwareMismatch: rule(
    'firmwareMismatch',
    'warning',
    'A BIOS loader is handed to UEFI machines (or an EFI loader to BIOS machines): the firmware refuses to run it.',
    '/ip dhcp-server network add … dhcp-option-set=pxe-bios   # and no matcher for UEFI',
    'Add a `/ip dhcp-server matcher` on option 93 that gives UEFI machines their own option set.',
    'the firmware refuses the loader for those machines, but a site with only the other firmware is fine: very likely wrong, not certain.',
  ),
  efiHttpHost: rule(
    'efiHttpHost',
    'warning',
    'Under UEFI, syslinux.efi fetches http:// URLs from the TFTP server the DHCP answer names, ' +
      "not from the URL's host (Debian bug #907805): the DHCP TFTP server and the URL disagree.",
    'option 66 192.168.255.3 and KERNEL http://192.168.255.2/tftp/vmlinuz',
    'Serve HTTP from the TFTP server, make them the same host, or boot UEFI machines with iPXE.',
    'fails on syslinux.efi (Debian bug #907805) but works for BIOS machines of the same site: very likely wrong.',
  ),
  noPxelinuxConfig: rule(
    'noPxelinuxConfig',
    'error',
    'PXELINUX finds no config for a machine: none of pxelinux.cfg/01-<mac>, the hex IP names or `default` exists beside the loader.',
    'option 67 lpxelinux.0, and tftp/pxelinux.cfg/ is empty',
    'Create pxelinux.cfg/default beside the loader.',
    'PXELINUX finds no config and stops at its prompt: the boot fails.',
  ),
  secureBootRefused: rule(
    'secureBootRefused',
    'error',
    'Under Secure Boot (pxe-site.json: secureBoot.uefi or the node says it is on), a file of the chain is refused: ' +
      'the firmware refuses a boot file not signed by a CA in its db ("Access Denied": syslinux.efi, a self-built or ' +
      'distribution ipxe.efi); shim refuses a second stage, and GRUB a kernel, not signed by a certificate the shim carries.',
    'option 67 syslinux.efi, and "secureBoot": { "uefi": true }',
    'Boot a Microsoft-signed shim with the GRUB and kernel of the same vendor (or iPXE’s signed shim release with the iPXE ' +
      'it loads), or turn Secure Boot off on those machines knowingly and say so in pxe-site.json.',
    'the firmware, shim or GRUB stops the boot at this file: the machine does not boot.',
  ),
  secureBootAdvice: rule(
    'secureBootAdvice',
    'info',
    'pxe-site.json does not say whether the UEFI machines have Secure Boot on, and a file of the chain would be refused ' +
      'if they do (an unsigned boot file, a second stage or a kernel shim does not trust).',
    'option 67 syslinux.efi for UEFI machines, and no "secureBoot" in pxe-site.json',
    'Say it in pxe-site.json ("secureBoot": { "uefi": false } when it is off; true makes the refusal an error), or serve a signed chain.',
    'advice only: the chain works when Secure Boot is off, which the site does not say.',
  ),
  secureBootNoShim: rule(
    'secureBootNoShim',
    'error',
    "Under Secure Boot, an iPXE script boots a kernel without iPXE's `shim` command: iPXE (run by its own signed " +
      "shim) cannot vouch for a distribution's kernel, which it must hand over through that distribution's shim.",
    'kernel http://192.168.255.2/fedora-coreos/kernel … and boot, with "secureBoot": { "uefi": true }',
    "Add `shim <URL of the distribution's shimx64.efi>` before `boot` (iPXE 2.0 and later; ipxe.org/cmd/shim).",
    'the kernel is refused by the firmware’s verification: the machine does not boot.',
  ),
  grubModuleMissing: rule(
    'grubModuleMissing',
    'error',
    'A GRUB config fetches a file over HTTP (`(http,host)/…`) and the GRUB image that reads it has no http module ' +
      "built in (Debian's signed grubnetx64.efi has tftp only); a signed GRUB cannot load one from the network.",
    'linux (http,192.168.255.2)/fedora-coreos/kernel, read by Debian’s grubnetx64.efi',
    'Fetch the file over TFTP ((tftp)/path), or boot a GRUB build that has http (Fedora’s grubx64.efi has).',
    'GRUB stops with "disk `http,…\' not found": the entry does not boot.',
  ),
  noGrubConfig: rule(
    'noGrubConfig',
    'error',
    "GRUB finds no config for a machine: the network image's built-in config sources files that are not there " +
      "(Debian's grubnetx64: grub/grub.cfg), or none of the names its per-machine search tries exists.",
    'option 67 shimx64.efi, grubx64.efi beside it, and no grub/grub.cfg',
    'Create the config where the message says that GRUB build looks.',
    'GRUB finds no config and stops at its `grub>` prompt: the boot fails.',
  ),
};

/** The chain's rules in the order the docs list them. */
export const CHAIN_RULES = Object.values(CHAIN);
