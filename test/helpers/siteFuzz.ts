/**
 * Hostile site files for the fuzz test and campaign: a valid site (every section, a router target, nodes)
 * with values swapped for wrong types and odd strings at random places. `checkSite` runs what every command
 * runs first — the typed loader, the site view, the boot chain over a memory tree — and returns the
 * unexpected failure, if any: only `SiteFileError` may be thrown, and only for a file with a type error.
 */
import fc from 'fast-check';
import { parseSiteText, SiteFileError } from '../../lib/site/load';
import { BASE_SITE, LOADERS, memoryChain } from './memorySite';

export const FULL_SITE = {
  ...BASE_SITE,
  http: { ...BASE_SITE.http, nginxConfig: 'nginx.conf' },
  targets: {
    nas: {
      kind: 'synology',
      host: '127.0.0.1',
      port: 22,
      user: 'admin',
      remoteRoot: '/volume1/tftp',
      identityFile: 'id',
      deleteRemoved: false,
    },
    router: {
      kind: 'mikrotik',
      host: '127.0.0.1',
      user: 'admin',
      apiPort: 8729,
      apiTls: true,
      files: ['lpxelinux.0'],
      prune: false,
    },
  },
  images: { dir: 'tftp/images', stream: 'stable', arch: 'x86_64', keep: 2 },
  profiles: { worker: { ipxe: 'templates/node.ipxe', kernelArgs: 'console=ttyS0' } },
  nodes: [{ name: 'w1', mac: '52:54:00:00:00:01', ip: '192.168.255.51', firmware: 'bios', profile: 'worker' }],
  vm: { firmware: 'bios', memoryMiB: 512, mac: '52:54:00:12:34:56', timeoutSeconds: 60 },
};

const ODD_STRINGS = [
  '',
  ' ',
  '..',
  '../../../etc',
  '/etc/passwd',
  'a,restrict=off',
  '\u001b[2K\rX',
  'x\ny',
  '\u0000',
  '${x}',
  '"',
  '%2e%2e',
  'x'.repeat(3000),
  'ü',
  '\u202e',
];

/** A value of any JSON type, odd strings included. */
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(5, -1, 0, 1.5, 1e308, true, false, null, [], {}, ['x'], { a: 1 }, [[[]]]),
  fc.constantFrom(...ODD_STRINGS),
  fc.string({ maxLength: 20 }),
  fc.integer(),
  fc.jsonValue({ maxDepth: 3 }),
);

type Path = (string | number)[];

function paths(value: unknown, prefix: Path = [], out: Path[] = []): Path[] {
  out.push(prefix);
  if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) paths(v, [...prefix, Array.isArray(value) ? Number(k) : k], out);
  return out;
}

const ALL_PATHS = paths(FULL_SITE);

function setAt(root: unknown, path: Path, value: unknown): unknown {
  if (!path.length) return value;
  const copy = (
    Array.isArray(root) ? [...(root as unknown[])] : root && typeof root === 'object' ? { ...(root as object) } : {}
  ) as Record<string | number, unknown>;
  const [head, ...rest] = path as [string | number, ...Path];
  const inner = Object.prototype.hasOwnProperty.call(copy, head) ? copy[head] : undefined;
  // An own property even for `__proto__`: what JSON.stringify then writes into the file.
  Object.defineProperty(copy, head, {
    value: setAt(inner, rest, value),
    enumerable: true,
    writable: true,
    configurable: true,
  });
  return copy;
}

/** A site file with 1–6 values replaced (or keys added) by hostile ones. */
export function hostileSite(): fc.Arbitrary<unknown> {
  const edit = fc.tuple(
    fc.constantFrom(...ALL_PATHS),
    fc.option(fc.constantFrom('extra', 'kind', 'host', '__proto__', 'constructor'), { nil: undefined }),
    hostileValue,
  );
  return fc.array(edit, { minLength: 1, maxLength: 6 }).map((edits) => {
    let site: unknown = FULL_SITE;
    for (const [path, key, value] of edits) site = setAt(site, key ? [...path, key] : path, value);
    return site;
  });
}

/** Runs the loader on the file's text and what uses its result; undefined when all went as it should. */
export function checkSite(json: unknown): string | undefined {
  let site: object;
  try {
    site = parseSiteText(JSON.stringify(json), 'pxe-site.json');
  } catch (error) {
    if (error instanceof SiteFileError && error.message.length > 'pxe-site.json: '.length) return undefined;
    return `the loader threw something else than a SiteFileError: ${String(error)}`;
  }
  try {
    memoryChain(
      { ...LOADERS, 'router.rsc': '/ip dhcp-server option\nadd code=67 name=boot value="\'lpxelinux.0\'"\n' },
      site,
    );
  } catch (error) {
    return (
      'a site that passed the type check crashed the chain: ' +
      `${error instanceof Error ? (error.stack ?? error.message) : String(error)}`
    );
  }
  return undefined;
}
