// Installs what the project needs and is missing: npm dependencies, and Debian packages for the tests
// (via apt-get when running as root; otherwise it names the command to run). Node built-ins only.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';

const args = process.argv.slice(2);
const quiet = args.includes('--quiet');
const forTests = args.includes('--test');
const log = (message) => quiet || console.log(`setup: ${message}`);

/** Debian packages the test suites start for real: binary to look for → package. */
const TEST_PACKAGES = { nvim: 'neovim', 'ignition-validate': 'ignition', sshd: 'openssh-server', sftp: 'openssh-client', nginx: 'nginx' };

function run(command, commandArgs) {
  const result = spawnSync(command, commandArgs, { stdio: quiet ? ['ignore', 'ignore', 'inherit'] : 'inherit' });
  return result.status === 0;
}

function npmDependencies() {
  const installed = 'node_modules/.package-lock.json';
  const fresh = existsSync(installed) && existsSync('package-lock.json') && statSync(installed).mtimeMs >= statSync('package-lock.json').mtimeMs;
  if (fresh) return;
  log('installing npm dependencies (npm ci)…');
  if (!run('npm', ['ci', '--no-audit', '--no-fund'])) {
    console.error('setup: `npm ci` failed. Check that the npm registry is reachable, then run `npm ci` yourself to see why.');
    process.exit(1);
  }
}

function hasBinary(name) {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

function debianPackages(wanted) {
  const missing = Object.entries(wanted).filter(([binary]) => !hasBinary(binary)).map(([, pkg]) => pkg);
  if (!missing.length) return;
  const isRoot = process.getuid?.() === 0;
  if (!isRoot || !hasBinary('apt-get')) {
    console.error(`setup: the tests need these Debian packages: ${missing.join(' ')}\n       install them with: sudo apt-get install -y ${missing.join(' ')}`);
    process.exit(1);
  }
  log(`installing Debian packages: ${missing.join(' ')}…`);
  const install = ['-o', 'DPkg::Lock::Timeout=600', 'install', '-y', '--no-install-recommends', ...missing];
  if (!run('apt-get', install)) {
    log('apt-get install failed; refreshing the package lists and trying once more…');
    if (!run('apt-get', ['-o', 'DPkg::Lock::Timeout=600', 'update']) || !run('apt-get', install)) {
      console.error(`setup: could not install ${missing.join(' ')} with apt-get. Run \`apt-get install -y ${missing.join(' ')}\` to see why.`);
      process.exit(1);
    }
  }
}

npmDependencies();
if (forTests) debianPackages(TEST_PACKAGES);
if (!quiet) log(`ready (node ${process.version}, npm ${execFileSync('npm', ['--version']).toString().trim()})`);
