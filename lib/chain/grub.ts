/**
 * The shim and GRUB part of the chain: shim's second stage beside it, the config that GRUB build reads for
 * the machine, its menu entries, and the kernels, initrds and URLs they name.
 */
import { basename, dirname, join, posix, sep } from 'node:path';
import { servedPath } from '../core/ruleContext';
import { stampedFacts } from '../core/stamped';
import { grubConfigFacts, grubConfigPlan, type GrubImageFacts, type GrubTarget } from './grubConfig';
import type { Env, HopBuilder } from './hops';
import type { Hop, HopKind, Place } from './model';
import { CHAIN } from './rules';
import { checkKernel, checkSecondStage } from './trust';

/** shim's second stage per architecture (its DEFAULT_LOADER), fetched from the folder shim came from. */
export function secondStageOf(shimName: string): string {
  const arch = /(x64|aa64|ia32)\.efi$/i.exec(shimName)?.[1]?.toLowerCase() ?? 'x64';
  return `grub${arch}.efi`;
}

/**
 * The second stage a shim build loads: its DEFAULT_LOADER, a UTF-16 `\\grubx64.efi` in the binary (iPXE's own
 * shim loads `\\ipxe.efi`); by the shim's name when the file cannot be read (a placeholder).
 */
export function defaultLoaderOf(b: HopBuilder, shimPath: string): string {
  const named = loaderNames(b.fileView, shimPath, 'shim-loader', () => {
    const bytes = b.fileView.head?.(shimPath, 4 * 1024 * 1024);
    if (!bytes) return undefined;
    const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length - (bytes.length % 2)).toString('utf16le');
    return /\\((?:grub|ipxe)[\w-]*\.efi)\0/i.exec(text)?.[1];
  });
  return named ?? secondStageOf(basename(shimPath));
}

/** The loader each shim file names, read once per version of the file (the chain is rebuilt on every edit). */
const loaderNames = stampedFacts(32);

export function shimChildren(b: HopBuilder, env: Env, hop: Hop, shimPath: string): void {
  const name = defaultLoaderOf(b, shimPath);
  const path = join(dirname(shimPath), name);
  const child: Hop = {
    kind: 'loader',
    label: name,
    detail: `TFTP, beside shim (the second stage this shim loads)`,
    via: 'tftp',
    path,
    status: 'ok',
    children: [],
  };
  hop.children.push(child);
  if (b.fileState(path) !== 'ok') {
    child.status = 'missing';
    child.message = `shim loads ${name} from its own folder: not there (looked for ${b.rel(path)})`;
    if (hop.at)
      b.report(
        CHAIN.missingFile,
        hop.at,
        `shim (${basename(shimPath)}) loads its second stage ${name} from the same TFTP folder, and ` +
          `${b.rel(path)} is not there: ` +
          (/^ipxe/i.test(name)
            ? "copy the iPXE build signed for this shim there (iPXE's signed release ships both)."
            : "copy GRUB's signed network image there under that name " +
              '(Debian: grubnetx64.efi.signed from grub-efi-amd64-signed; Fedora: grubx64.efi from grub2-efi-x64).'),
      );
    return;
  }
  const ipxe = /^ipxe/i.test(name);
  const inner: Env = {
    ...env,
    loader: { family: ipxe ? 'ipxe' : 'grub', firmware: 'uefi' },
    shim: shimPath,
    ...(ipxe ? {} : { grub: path }),
  };
  checkSecondStage(b, inner, child, path);
  if (child.status === 'missing') return;
  if (ipxe) b.ipxeChildren(inner, child);
  else grubChildren(b, inner, child, path);
}

/** A GRUB network image: the config it reads for this machine, then that config's entries. */
export function grubChildren(b: HopBuilder, outer: Env, hop: Hop, imagePath: string): void {
  const env: Env = { ...outer, grub: imagePath };
  const image: GrubImageFacts = b.grubImage(imagePath);
  const plan = grubConfigPlan(image, imagePath, b.site.tftpRoot ?? dirname(imagePath), env.client);
  const found = plan.candidates.find((p) => b.fileState(p) === 'ok');
  if (!found) {
    hop.children.push({
      kind: 'config',
      label: plan.candidates.length ? b.rel(plan.candidates.at(-1) as string) : 'grub.cfg',
      status: 'missing',
      message: `no GRUB config: ${plan.how}; tried ${plan.candidates.map((p) => b.rel(p)).join(', ')}`,
      children: [],
    });
    if (hop.at ?? env.bootAt)
      b.report(
        CHAIN.noGrubConfig,
        (hop.at ?? env.bootAt) as Place,
        `${basename(imagePath)} finds no config for ${env.client.name}: ${plan.how}, and none of ` +
          `${plan.candidates.map((p) => b.rel(p)).join(', ')} is there. Create ${b.rel(plan.candidates.at(-1) ?? 'grub.cfg')}.`,
      );
    return;
  }
  const index = plan.candidates.indexOf(found);
  hop.children.push(
    grubConfigHop(
      b,
      env,
      found,
      index > 0 ? `TFTP, ${plan.how}; after ${index} not there` : `TFTP, ${plan.how}`,
      plan.prefix,
    ),
  );
}

function grubConfigHop(b: HopBuilder, env: Env, path: string, detail: string, prefix: string, depth = 0): Hop {
  const hop: Hop = { kind: 'config', label: b.rel(path), detail, via: 'tftp', path, status: 'ok', children: [] };
  const text = b.text(path);
  if (text === undefined) return hop;
  const { entries, includes, defaultIndex } = grubConfigFacts(path, text, prefix);
  for (const include of includes) {
    if (depth > 8) break;
    const target = resolveTarget(b, include.target);
    if (!target.path) continue;
    if (b.fileState(target.path) !== 'ok') {
      hop.children.push({
        kind: 'config',
        label: include.target.path,
        at: include.at,
        status: 'missing',
        message: `not there: looked for ${b.rel(target.path)}`,
        children: [],
      });
      b.report(
        CHAIN.missingFile,
        include.at,
        `The GRUB config is not there: looked for ${target.path}. Correct the name or add the file.`,
      );
      continue;
    }
    hop.children.push(grubConfigHop(b, env, target.path, `${include.command} from ${b.rel(path)}`, prefix, depth + 1));
  }
  entries.forEach((entry, i) => {
    const entryHop: Hop = {
      kind: 'label',
      label: `menuentry ${entry.title}${i === defaultIndex ? ' (default)' : ''}`,
      at: entry.at,
      status: 'ok',
      children: [],
    };
    for (const file of entry.files) entryHop.children.push(grubFileHop(b, env, file.role, file.target, file.at));
    const kernel = entryHop.children.find((h) => h.kind === 'kernel');
    for (const arg of entry.urls) {
      const kind: HopKind = /rootfs/.test(arg.name) ? 'rootfs' : 'ignition';
      (kernel ?? entryHop).children.push(b.urlHop(env, kind, arg.url, arg.at, undefined, { covered: false }));
    }
    hop.children.push(entryHop);
  });
  return hop;
}

/** Where a GRUB file name leads: a TFTP-root file, or a URL the chain follows. */
function resolveTarget(b: HopBuilder, target: GrubTarget): { path?: string; url?: string } {
  if (target.protocol === 'http') return { url: `http://${target.host ?? b.site.nas ?? ''}${target.path}` };
  if (target.protocol === 'other') return {};
  const root = b.site.tftpRoot;
  if (!root) return {};
  const relative = posix.normalize(target.path).replace(/^\/+/, '');
  if (relative.startsWith('..')) return {};
  return { path: join(root, ...relative.split('/')) };
}

/** The `(tftp)/…` name of a file served over HTTP, when it is in the TFTP root too. */
function tftpNameOf(b: HopBuilder, url: string | undefined): string {
  const local = url ? servedPath(b.site.http, url) : undefined;
  const root = b.site.tftpRoot;
  if (!local || !root || !local.startsWith(root + sep)) return '(tftp)/path';
  return `(tftp)/${local
    .slice(root.length + 1)
    .split(sep)
    .join('/')}`;
}

function grubFileHop(b: HopBuilder, env: Env, kind: HopKind, target: GrubTarget, at: Place): Hop {
  const resolved = resolveTarget(b, target);
  const image = env.grub ? b.grubImage(env.grub) : undefined;
  if (target.protocol === 'http' && image?.modules.length && !image.modules.includes('http')) {
    const build = image.sbat?.vendorVersion ? ` (${image.sbat.vendor ?? 'GRUB'} ${image.sbat.vendorVersion})` : '';
    const name = env.grub ? basename(env.grub) : 'GRUB';
    b.report(
      CHAIN.grubModuleMissing,
      at,
      `${name}${build} has no http module built in, and a signed GRUB loads no module from the network: ` +
        `it stops with "disk \`http,${target.host ?? '…'}' not found". Fetch it over TFTP (${tftpNameOf(b, resolved.url)}), ` +
        'or boot a GRUB build that has http.',
    );
    return {
      kind,
      label: posix.basename(target.path),
      detail: 'HTTP',
      via: 'http',
      at,
      status: 'missing',
      message: `${name} has no http module`,
      children: [],
    };
  }
  if (resolved.url) {
    const hop = b.urlHop(env, kind, resolved.url, at, undefined, { covered: false });
    if (kind === 'kernel' && hop.path && hop.status === 'ok') checkKernel(b, env, hop, hop.path, at);
    return hop;
  }
  const hop: Hop = {
    kind,
    label: posix.basename(target.path),
    detail: 'TFTP',
    via: 'tftp',
    at,
    status: 'ok',
    children: [],
  };
  if (!resolved.path) {
    hop.status = 'unknown';
    hop.message = target.protocol === 'other' ? 'on a device the chain does not follow' : 'resolved only at boot time';
    return hop;
  }
  hop.path = resolved.path;
  b.checkFile(hop, kind, resolved.path, at, { covered: false });
  if (kind === 'kernel' && hop.status === 'ok') checkKernel(b, env, hop, resolved.path, at);
  return hop;
}
