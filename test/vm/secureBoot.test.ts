/**
 * The test VM with Secure Boot on (OVMF's Secure Boot build, Microsoft's keys, no iPXE ROM): Debian's
 * shim → GRUB → kernel chain boots to the initramfs over TFTP; an unsigned syslinux.efi or
 * ipxe.efi is refused by the firmware, a kernel signed by another vendor by GRUB — and the timeline says so.
 * The QEMU packages missing skips (as boot.test.ts); the binaries `node scripts/setup.mjs --test` fetches
 * missing fails. Each run also builds the boot chain of the same site: its chain-of-trust verdict (who refuses, or
 * nobody) must be what the VM did.
 */
import { copyFileSync, cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildChain, loadSecureBoot, readDisk } from '../../lib/chain';
import { diskFiles } from '../../lib/site/disk';
import { readSite } from '../../lib/site/view';
import { beforeAll, describe, expect, it } from 'vitest';
import { startVm, stageLine, vmPlan, type StageId, type VmPlan, type VmResult } from '../../lib/vm';
import {
  MARKER,
  scenario,
  SECURE_BOOT_FILES,
  secureBootMissing,
  secureBootSite,
  type ScenarioName,
} from '../helpers/secureBootSite';
import { testInitramfs, VM_FILES, vmMissing } from '../helpers/vmSite';

const missing = vmMissing();
if (missing) console.log(`(Secure Boot VM tests skipped: apt-get install ${missing})`);
const setupMissing = secureBootMissing();

async function boot(name: ScenarioName): Promise<{ result: VmResult; serial: string; plan: VmPlan }> {
  if (setupMissing) throw new Error(setupMissing);
  const site = secureBootSite(name);
  const plan = vmPlan(site.siteFile, { secureBoot: true, timeoutSeconds: 150 });
  let serial = '';
  const result = await startVm(plan, { marker: MARKER, onSerial: (t) => (serial += t) }).done;
  console.log(
    `secure boot ${name}: ${result.reason} in ${result.seconds} s (${result.accel})` +
      `${result.failure ? `\n  failed: ${result.failure.line}\n  ${result.failure.hint ?? ''}` : ''}` +
      `\n${result.stages.map(stageLine).join('\n')}`,
  );
  // The verdict the scenario table states is what the VM did.
  expect({
    ...(result.failure?.refusedBy ? { refusedBy: result.failure.refusedBy } : {}),
    reached: result.reached?.id,
  }).toEqual(scenario(name).verdict);
  // And the chain of trust, read from the same files before any boot, gives the firmware's verdict.
  expect(staticVerdict(site.siteFile), 'the chain-of-trust rules and the VM disagree').toEqual(
    result.failure?.refusedBy ?? 'accepted',
  );
  return { result, serial, plan };
}

/** Who the chain-of-trust rules say refuses the chain of this site with Secure Boot on, or 'accepted'. */
function staticVerdict(siteFile: string): 'firmware' | 'shim' | 'grub' | 'accepted' {
  const json = JSON.parse(readFileSync(siteFile, 'utf8')) as Record<string, unknown>;
  writeFileSync(siteFile, JSON.stringify({ ...json, secureBoot: { uefi: true, firmwareKeys: 'microsoft-2011' } }));
  const chain = buildChain({
    site: readSite(siteFile)!,
    files: diskFiles(),
    read: readDisk,
    machine: { firmware: 'uefi' },
  });
  const refused = [...chain.problems.values()].flat().filter((p) => p.ruleId === 'chain.secureBootRefused');
  expect(refused.length).toBeLessThanOrEqual(1);
  const judge = /^Under Secure Boot \(pxe-site\.json says it is on\): (The firmware|shim|GRUB) refuses/.exec(
    refused[0]?.message ?? '',
  )?.[1];
  return judge === 'The firmware' ? 'firmware' : judge === 'shim' ? 'shim' : judge === 'GRUB' ? 'grub' : 'accepted';
}

const ids = (r: VmResult): StageId[] => r.stages.map((s) => s.id);
const label = (r: VmResult, id: StageId): string | undefined => r.stages.find((s) => s.id === id)?.label;

// The chain's signature reader loads on first use: these tests want the verdicts, not the pending chain.
beforeAll(() => loadSecureBoot());

describe.skipIf(missing !== undefined)('the test VM with Secure Boot on', () => {
  it.concurrent('shimx64.efi → grubx64.efi → grub/grub.cfg → the Debian signed kernel over TFTP', async () => {
    const { result, serial, plan } = await boot('shimGrubKernel');
    expect(plan).toMatchObject({ firmware: 'uefi', secureBoot: true, bootFile: 'shimx64.efi' });
    expect(result.reason).toBe('poweroff');
    expect(result.failure).toBeUndefined();
    expect(ids(result)).toEqual(
      expect.arrayContaining(['secureboot', 'dhcp', 'bootfile', 'shim', 'grub', 'kernel', 'linux', 'initramfs']),
    );
    expect(`${result.stages[0]!.id}: ${result.stages[0]!.label}`).toBe('secureboot: on');
    expect(label(result, 'bootfile')).toBe('shimx64.efi');
    expect(label(result, 'shim')).toBe('fetching grubx64.efi');
    expect(label(result, 'grub')).toBe('GRUB started');
    expect(label(result, 'kernel')).toBe('EFI stub: UEFI Secure Boot is enabled');
    expect(label(result, 'kernelSecureBoot')).toBe('Secure boot enabled');
    // Debian's grubnetx64 has prefix /grub: it reads grub/grub.cfg from the TFTP server (QEMU's, at host=).
    expect(serial).toContain('PXE-WORKBENCH grub.cfg read from (tftp,192.168.255.1)/grub');
    expect(serial).toContain('secureboot: Secure boot enabled');
    expect(serial).toContain(`${MARKER} reached /init`);
    expect(result.reached?.id).toBe('marker');
  });

  for (const [name, bootFile] of [
    ['syslinuxRefused', 'syslinux.efi'],
    ['ipxeRefused', 'ipxe.efi'],
  ] as const) {
    it.concurrent(`${bootFile} as the boot file is refused by the firmware, and the timeline says why`, async () => {
      const { result, plan } = await boot(name);
      expect(plan.bootFile).toBe(bootFile);
      expect(result.reason).toBe('failure');
      expect(result.failure?.line).toMatch(
        /^BdsDxe: failed to load Boot\d+ "UEFI PXEv4 \(MAC:[0-9A-F]{12}\)": Access Denied$/,
      );
      expect(result.failure?.hint).toBe(
        `the firmware refused ${bootFile}: it is not signed by a key in the firmware's db (Microsoft UEFI CA) — ` +
          "use shim + GRUB, iPXE's signed shim release, or turn Secure Boot off knowingly.",
      );
      expect(label(result, 'bootfile')).toBe(bootFile);
      expect(result.stages.find((s) => s.id === 'bootfile')?.bytes).toBeGreaterThan(100_000);
      expect(ids(result)).not.toContain('loader');
      expect(ids(result)).not.toContain('shim');
    });
  }

  it.concurrent('a grubx64.efi without a signature is refused by shim, and the timeline says why', async () => {
    const { result, serial } = await boot('unsignedGrub');
    expect(result.reason).toBe('failure');
    expect(result.failure?.line).toBe('Verification failed: (0x1A) Security Violation');
    expect(result.failure?.hint).toMatch(
      /^shim refused grubx64\.efi: the second stage is not signed by shim's vendor certificate/,
    );
    expect(label(result, 'shim')).toBe('fetching grubx64.efi');
    expect(ids(result)).not.toContain('grub');
    expect(serial).not.toContain('Welcome to GRUB!');
  });

  it.concurrent(
    'a kernel signed by another vendor is refused by GRUB (shim_lock), and the timeline says why',
    async () => {
      const { result, serial } = await boot('otherVendorKernel');
      expect(result.reason).toBe('failure');
      expect(result.failure?.line).toBe('error: bad shim signature.');
      expect(result.failure?.hint).toMatch(/^GRUB refused the kernel: it is not signed by a key shim trusts/);
      // The run names the signer and the certificate shim carries (the chain-of-trust rules' account).
      expect(result.failure?.signers).toMatch(/^GRUB refuses vmlinuz \("error: bad shim signature\."\): /);
      expect(result.failure?.signers).toContain(
        'shim carries Debian Secure Boot CA; vmlinuz is signed by Example Vendor Signer',
      );
      expect(ids(result)).toEqual(expect.arrayContaining(['secureboot', 'bootfile', 'shim', 'grub']));
      expect(ids(result)).not.toContain('linux');
      expect(serial).toContain('PXE-WORKBENCH grub.cfg read from');
      expect(serial).not.toContain(MARKER);
    },
  );

  it.concurrent(
    "examples/secure-boot with Debian's signed binaries in its placeholders boots with Secure Boot from the site file",
    async () => {
      if (setupMissing) throw new Error(setupMissing);
      const root = join(mkdtempSync(join(tmpdir(), 'pxe-vm-sb-example-')), 'secure-boot');
      cpSync('examples/secure-boot', root, { recursive: true });
      const tftp = join(root, 'tftp');
      copyFileSync(SECURE_BOOT_FILES.shim, join(tftp, 'grub', 'shimx64.efi'));
      copyFileSync(SECURE_BOOT_FILES.grubnet, join(tftp, 'grub', 'grubx64.efi'));
      // Debian's signed kernel and the test initramfs stand in for Fedora CoreOS (signed by Fedora, not Debian).
      copyFileSync(VM_FILES.kernel()!, join(tftp, 'fedora-coreos', 'fedora-coreos-live-kernel-x86_64'));
      writeFileSync(join(tftp, 'fedora-coreos', 'fedora-coreos-live-initramfs.x86_64.img'), testInitramfs());
      const siteFile = join(root, 'pxe-site.json');
      // No request: the site's vm (uefi, secureBoot) decides.
      const plan = vmPlan(siteFile, { timeoutSeconds: 150 });
      expect(plan).toMatchObject({ firmware: 'uefi', secureBoot: true, bootFile: 'grub/shimx64.efi' });
      let serial = '';
      const result = await startVm(plan, { marker: MARKER, onSerial: (t) => (serial += t) }).done;
      if (result.reached?.id !== 'marker')
        console.log(`${result.stages.map(stageLine).join('\n')}\n${serial.slice(-2000)}`);
      // shim fetches grubx64.efi from the folder it came from (grub/), and GRUB reads grub/grub.cfg.
      expect(label(result, 'shim')).toBe('fetching grub/grubx64.efi');
      expect(label(result, 'kernelSecureBoot')).toBe('Secure boot enabled');
      expect(result.reached?.id).toBe('marker');
      expect(staticVerdict(siteFile)).toBe('accepted');
    },
  );

  it('re-signs the kernel as "Example Vendor" for that case (not Debian\'s signature)', () => {
    if (setupMissing) throw new Error(setupMissing);
    const kernel = readFileSync(`${secureBootSite('otherVendorKernel').tftp}/vmlinuz`).toString('latin1');
    expect(kernel).toContain('Example Vendor Signer');
    expect(kernel).not.toContain('Debian Secure Boot Signer');
  });
});
