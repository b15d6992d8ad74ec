// Installs what the project needs and is missing: npm dependencies, and Debian packages for the tests
// (via apt-get when running as root; otherwise it names the command to run). Node built-ins only.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';

const args = process.argv.slice(2);
const quiet = args.includes('--quiet');
const forTests = args.includes('--test');
const log = (message) => quiet || console.log(`setup: ${message}`);

/** Debian packages the test suites start for real: binary to look for → package. */
const TEST_PACKAGES = {
  nvim: 'neovim',
  'ignition-validate': 'ignition',
  sshd: 'openssh-server',
  sftp: 'openssh-client',
  nginx: 'nginx',
  openssl: 'openssl',
  osslsigncode: 'osslsigncode',
};
/** Files the test VM boots from (QEMU, firmware, loaders, a kernel, busybox-static): check → package. */
const TEST_FILES = {
  'qemu-system-x86': () => hasBinary('qemu-system-x86_64'),
  'ipxe-qemu': () => existsSync('/usr/lib/ipxe/qemu/efi-virtio.rom'),
  ovmf: () => existsSync('/usr/share/OVMF/OVMF_CODE_4M.fd'),
  pxelinux: () => existsSync('/usr/lib/PXELINUX/lpxelinux.0'),
  'syslinux-common': () => existsSync('/usr/lib/syslinux/modules/bios/ldlinux.c32'),
  'syslinux-efi': () => existsSync('/usr/lib/SYSLINUX.EFI/efi64/syslinux.efi'),
  'linux-image-amd64': () => existsSync('/boot') && readdirSync('/boot').some((f) => f.startsWith('vmlinuz-')),
  // A dynamic busybox names its loader; the test initramfs has no libraries.
  'busybox-static': () =>
    existsSync('/bin/busybox') &&
    !readFileSync('/bin/busybox').subarray(0, 65536).toString('latin1').includes('/lib64/ld-linux'),
};
/** Python modules (Debian packages) the tests use as independent oracles: module → package. */
const TEST_PYTHON_MODULES = { librouteros: 'python3-librouteros' };

function run(command, commandArgs) {
  const result = spawnSync(command, commandArgs, { stdio: quiet ? ['ignore', 'ignore', 'inherit'] : 'inherit' });
  return result.status === 0;
}

function npmDependencies() {
  const installed = 'node_modules/.package-lock.json';
  const fresh =
    existsSync(installed) &&
    existsSync('package-lock.json') &&
    statSync(installed).mtimeMs >= statSync('package-lock.json').mtimeMs;
  if (fresh) return;
  log('installing npm dependencies (npm ci)…');
  if (!run('npm', ['ci', '--no-audit', '--no-fund'])) {
    console.error(
      'setup: `npm ci` failed. Check that the npm registry is reachable, then run `npm ci` yourself to see why.',
    );
    process.exit(1);
  }
}

/**
 * patches/*.patch fix dependencies in place (node-routeros: `!empty`, `!fatal`, lost connections); npm ci
 * applies them (postinstall), and a patch newer than the last application is applied again here.
 */
function patches() {
  const stamp = 'node_modules/.pxe-patches-applied';
  const files = existsSync('patches') ? readdirSync('patches').filter((f) => f.endsWith('.patch')) : [];
  if (!files.length) return;
  const newest = Math.max(...files.map((f) => statSync(`patches/${f}`).mtimeMs));
  if (existsSync(stamp) && statSync(stamp).mtimeMs >= newest) return;
  log('applying patches/ to node_modules (patch-package)…');
  if (!run('npx', ['--no-install', 'patch-package'])) {
    console.error(
      'setup: patch-package could not apply patches/. Run `npx patch-package` to see why (a dependency version may have changed).',
    );
    process.exit(1);
  }
  writeFileSync(stamp, new Date().toISOString());
}

function hasPythonModule(name) {
  return spawnSync('/usr/bin/python3', ['-c', `import ${name}`], { stdio: 'ignore' }).status === 0;
}

function hasBinary(name) {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

function debianPackages(wanted, modules = {}, files = {}) {
  const missing = [
    ...Object.entries(wanted).filter(([binary]) => !hasBinary(binary)),
    ...Object.entries(modules).filter(([module]) => !hasPythonModule(module)),
  ].map(([, pkg]) => pkg);
  for (const [pkg, present] of Object.entries(files)) if (!present()) missing.push(pkg);
  if (!missing.length) return;
  const isRoot = process.getuid?.() === 0;
  if (!isRoot || !hasBinary('apt-get')) {
    console.error(
      `setup: the tests need these Debian packages: ${missing.join(' ')}\n` +
        `       install them with: sudo apt-get install -y ${missing.join(' ')}`,
    );
    process.exit(1);
  }
  log(`installing Debian packages: ${missing.join(' ')}…`);
  const install = ['-o', 'DPkg::Lock::Timeout=600', 'install', '-y', '--no-install-recommends', ...missing];
  if (!run('apt-get', install)) {
    log('apt-get install failed; refreshing the package lists and trying once more…');
    if (!run('apt-get', ['-o', 'DPkg::Lock::Timeout=600', 'update']) || !run('apt-get', install)) {
      console.error(
        `setup: could not install ${missing.join(' ')} with apt-get. Run \`apt-get install -y ${missing.join(' ')}\` to see why.`,
      );
      process.exit(1);
    }
  }
}

/**
 * Secure Boot test binaries, from Debian's signed packages (never committed): shim signed by Microsoft's UEFI
 * CA, grub's network image signed by Debian, and Debian's unsigned iPXE. `apt-get download` + `dpkg-deb -x`
 * into node_modules/.cache (nothing is installed on the machine: shim-signed's scripts would run grub-install).
 */
const SECURE_BOOT_CACHE = 'node_modules/.cache/pxe-secureboot';
const SECURE_BOOT_FILES = {
  'shim-signed': 'usr/lib/shim/shimx64.efi.signed',
  'grub-efi-amd64-signed': 'usr/lib/grub/x86_64-efi-signed/grubnetx64.efi.signed',
  ipxe: 'boot/ipxe.efi',
};

function secureBootFiles() {
  const root = `${SECURE_BOOT_CACHE}/root`;
  const missing = Object.keys(SECURE_BOOT_FILES).filter((pkg) => !existsSync(`${root}/${SECURE_BOOT_FILES[pkg]}`));
  if (!missing.length) return;
  if (!hasBinary('apt-get') || !hasBinary('dpkg-deb')) {
    console.error(`setup: the Secure Boot VM tests need apt-get and dpkg-deb to fetch ${missing.join(' ')}.`);
    process.exit(1);
  }
  const debs = `${SECURE_BOOT_CACHE}/debs`;
  mkdirSync(debs, { recursive: true });
  log(`fetching Debian packages for the Secure Boot tests: ${missing.join(' ')}…`);
  const download = () =>
    spawnSync('apt-get', ['-o', 'APT::Sandbox::User=root', 'download', ...missing], {
      cwd: debs,
      stdio: quiet ? 'ignore' : 'inherit',
    });
  if (
    download().status !== 0 &&
    (!run('apt-get', ['-o', 'DPkg::Lock::Timeout=600', 'update']) || download().status !== 0)
  ) {
    console.error(
      `setup: could not fetch ${missing.join(' ')}. Run \`apt-get download ${missing.join(' ')}\` to see why.`,
    );
    process.exit(1);
  }
  for (const deb of readdirSync(debs).filter((f) => f.endsWith('.deb'))) {
    if (!run('dpkg-deb', ['-x', `${debs}/${deb}`, root])) {
      console.error(`setup: dpkg-deb could not unpack ${deb}; delete ${SECURE_BOOT_CACHE} and run again.`);
      process.exit(1);
    }
  }
}

npmDependencies();
patches();
if (forTests) {
  debianPackages(TEST_PACKAGES, TEST_PYTHON_MODULES, TEST_FILES);
  secureBootFiles();
}
if (!quiet) log(`ready (node ${process.version}, npm ${execFileSync('npm', ['--version']).toString().trim()})`);
