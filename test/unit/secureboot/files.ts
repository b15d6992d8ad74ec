/**
 * The real EFI files the Secure Boot tests read (Debian's signed shim, GRUB and kernel, unsigned iPXE and
 * syslinux.efi; `node scripts/setup.mjs --test` fetches them), a throwaway "other vendor" PKI made with
 * openssl, and signing with osslsigncode.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

const CACHE = 'node_modules/.cache/pxe-secureboot/root';

function need(path: string): string {
  if (!existsSync(path)) throw new Error(`${path} is missing: run \`node scripts/setup.mjs --test\` first.`);
  return path;
}

function kernel(): string {
  const found = existsSync('/boot') ? readdirSync('/boot').find((f) => /^vmlinuz-.*-amd64$/.test(f)) : undefined;
  return need(found ? join('/boot', found) : '/boot/vmlinuz-*-amd64 (linux-image-amd64)');
}

export const FILES = {
  shim: () => need(join(CACHE, 'usr/lib/shim/shimx64.efi.signed')),
  grub: () => need(join(CACHE, 'usr/lib/grub/x86_64-efi-signed/grubnetx64.efi.signed')),
  ipxe: () => need(join(CACHE, 'boot/ipxe.efi')),
  syslinux: () => need('/usr/lib/SYSLINUX.EFI/efi64/syslinux.efi'),
  kernel,
};

export const read = (path: string): Uint8Array => new Uint8Array(readFileSync(path));

let work: string | undefined;
/** A temporary folder for this test file, removed after it. */
export function workDir(): string {
  if (!work) {
    work = mkdtempSync(join(tmpdir(), 'pxe-secureboot-'));
    const made = work;
    afterAll(() => rmSync(made, { recursive: true, force: true }));
  }
  return work;
}

export interface Pki {
  caPem: string;
  caKey: string;
  caDer: Uint8Array;
  signerPem: string;
  signerKey: string;
  signerDer: Uint8Array;
}

const openssl = (...args: string[]): void => void execFileSync('openssl', args, { stdio: 'pipe' });
const derOf = (pem: string): Uint8Array =>
  new Uint8Array(execFileSync('openssl', ['x509', '-in', pem, '-outform', 'der']));

let pkis = 0;

/**
 * A CA and a code-signing certificate it issued: "Example Vendor CA" → "Example Vendor Signer". The CA is
 * self-signed, or issued by `parent`'s CA (an intermediate).
 */
export function makePki(name = 'Example Vendor', parent?: Pki): Pki {
  const dir = workDir();
  const id = ++pkis;
  const file = (f: string): string => join(dir, `pki${id}-${f}`);
  const caExt = 'basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n';
  writeFileSync(file('ca.ext'), caExt);
  if (parent) {
    openssl(
      'req',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      file('ca.key'),
      '-out',
      file('ca.csr'),
      '-subj',
      `/CN=${name} CA`,
    );
    issue(file('ca.csr'), parent, file('ca.ext'), file('ca.pem'), '77');
  } else {
    openssl(
      ...['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', file('ca.key'), '-out', file('ca.pem')],
      ...['-days', '3650', '-subj', `/CN=${name} CA`],
      ...['-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign'],
    );
  }
  const ca = { caPem: file('ca.pem'), caKey: file('ca.key') };
  openssl(
    'req',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    file('signer.key'),
    '-out',
    file('signer.csr'),
    '-subj',
    `/CN=${name} Signer`,
  );
  writeFileSync(
    file('signer.ext'),
    'basicConstraints=CA:FALSE\nkeyUsage=digitalSignature\nextendedKeyUsage=codeSigning\n',
  );
  issue(file('signer.csr'), ca, file('signer.ext'), file('signer.pem'), '4242');
  return {
    ...ca,
    caDer: derOf(file('ca.pem')),
    signerPem: file('signer.pem'),
    signerKey: file('signer.key'),
    signerDer: derOf(file('signer.pem')),
  };
}

function issue(csr: string, by: { caPem: string; caKey: string }, ext: string, out: string, serial: string): void {
  openssl(
    ...['x509', '-req', '-in', csr, '-CA', by.caPem, '-CAkey', by.caKey, '-set_serial', serial],
    ...['-days', '3650', '-extfile', ext, '-out', out],
  );
}

let counter = 0;

/** A copy of `path` with its signatures removed and one signature by the PKI's signer added (osslsigncode). */
export function signCopy(path: string, pki: Pki, extraCerts: string[] = []): { path: string; bytes: Uint8Array } {
  const dir = workDir();
  const unsigned = join(dir, `unsigned-${++counter}.efi`);
  const signed = join(dir, `signed-${counter}.efi`);
  const removed = spawnSync('osslsigncode', ['remove-signature', '-in', path, '-out', unsigned]);
  if (removed.status !== 0) writeFileSync(unsigned, readFileSync(path)); // an unsigned file has nothing to remove
  // osslsigncode takes one -ac file (a later -ac replaces an earlier one): the extra certificates go in one bundle.
  const bundle = join(dir, `extra-${counter}.pem`);
  writeFileSync(bundle, extraCerts.map((c) => readFileSync(c, 'utf8')).join(''));
  const extra = extraCerts.length > 0 ? ['-ac', bundle] : [];
  execFileSync(
    'osslsigncode',
    ['sign', '-certs', pki.signerPem, '-key', pki.signerKey, ...extra, '-in', unsigned, '-out', signed],
    { stdio: 'pipe' },
  );
  return { path: signed, bytes: read(signed) };
}

/** osslsigncode's "Current message digest" (the one in the signature) and "Calculated message digest" (its own). */
export function osslDigests(path: string): { current?: string; calculated?: string } {
  const out = spawnSync('osslsigncode', ['verify', '-in', path], { encoding: 'utf8' }).stdout;
  const pick = (label: string): string | undefined =>
    new RegExp(`${label} message digest\\s*:\\s*([0-9A-F]+)`).exec(out)?.[1]?.toLowerCase();
  const current = pick('Current');
  const calculated = pick('Calculated');
  return { ...(current ? { current } : {}), ...(calculated ? { calculated } : {}) };
}

/** A copy of the bytes with one byte flipped at `offset`. */
export function flipped(bytes: Uint8Array, offset: number): Uint8Array {
  const copy = new Uint8Array(bytes);
  copy[offset] = copy[offset]! ^ 0xff;
  return copy;
}
