/** The PXELINUX part of the chain: ldlinux beside the loader, the config it picks for a machine, its labels. */
import { basename, dirname, join } from 'node:path';
import { lookupOrder, parsePxelinux } from '../languages/pxelinux';
import type { Directive } from '../languages/pxelinux/ast';
import { localPath, urlHost } from '../languages/pxelinux/paths';
import { childOf } from '../core/paths';
import { URL_SCHEME, type Env, type HopBuilder } from './hops';
import type { Hop, HopKind, Place } from './model';
import { CHAIN } from './rules';

export function pxelinuxChildren(b: HopBuilder, env: Env, hop: Hop, loaderPath: string): void {
  const dir = dirname(loaderPath);
  const module = env.loader?.firmware === 'uefi' ? 'ldlinux.e64' : 'ldlinux.c32';
  const modulePath = join(dir, module);
  const moduleOk = b.fileState(modulePath) === 'ok';
  hop.children.push({
    kind: 'module',
    label: module,
    detail: 'TFTP, beside the loader',
    via: 'tftp',
    path: modulePath,
    status: moduleOk ? 'ok' : 'missing',
    ...(moduleOk ? {} : { message: `${module} is not beside the loader: copy it from the syslinux package` }),
    children: [],
  });
  const names = configNames(env);
  const configDir = join(dir, 'pxelinux.cfg');
  const paths = names.map((n) => childOf(configDir, n));
  const index = paths.findIndex((p) => b.fileState(p) === 'ok');
  const found = paths[index];
  const tried =
    names.length > 4
      ? `${names.slice(0, 2).join(', ')} … ${names.at(-1) ?? ''} (${names.length} names)`
      : names.join(', ');
  if (!found) {
    hop.children.push({
      kind: 'config',
      label: 'pxelinux.cfg/default',
      path: join(configDir, 'default'),
      status: 'missing',
      message: `no config: tried ${tried}`,
      children: [],
    });
    if (hop.at)
      b.report(
        CHAIN.noPxelinuxConfig,
        hop.at,
        `${basename(loaderPath)} finds no config for ${env.client.name}: ${b.rel(configDir)}/ has ` +
          `none of ${tried}. Create pxelinux.cfg/default beside the loader.`,
      );
    return;
  }
  hop.children.push(
    pxelinuxConfigHop(
      b,
      env,
      found,
      index > 0
        ? `TFTP, after ${index} name${index === 1 ? '' : 's'} not there ` +
            `(${names.slice(0, Math.min(index, 2)).join(', ')}${index > 2 ? ', …' : ''})`
        : 'TFTP',
    ),
  );
}

/** The config names PXELINUX tries for the machine, in order (only `default` for any machine). */
function configNames(env: Env): string[] {
  const { mac, ip } = env.client;
  if (!mac) return ['default'];
  try {
    return lookupOrder({ mac, ip: ip ?? '0.0.0.0' }).filter((n) => ip || !/^[0-9A-F]+$/.test(n));
  } catch {
    return ['default'];
  }
}

function pxelinuxConfigHop(b: HopBuilder, env: Env, path: string, detail: string): Hop {
  const config = b.parse(path, (text) => parsePxelinux(text).ast, 'pxelinux');
  const hop: Hop = {
    kind: 'config',
    label: `pxelinux.cfg/${basename(path)}`,
    detail,
    via: 'tftp',
    path,
    status: 'ok',
    children: [],
  };
  if (!config) return hop;
  const defaultName = config.global
    .find((d) => d.name === 'default' || d.name === 'ontimeout')
    ?.argument?.text.split(/\s+/)[0];
  const ui = config.global.find((d) => d.name === 'ui')?.argument;
  if (ui)
    hop.children.push(
      pxelinuxFile(b, env, path, 'module', ui.text.split(/\s+/)[0] as string, {
        file: path,
        start: ui.start,
        end: ui.start + (ui.text.split(/\s+/)[0] as string).length,
      }),
    );
  for (const label of config.labels) {
    const isDefault = label.name.text === defaultName;
    const labelHop: Hop = {
      kind: 'label',
      label: `LABEL ${label.name.text}${isDefault ? ' (default)' : ''}`,
      at: { file: path, start: label.name.start, end: label.name.end },
      status: 'ok',
      children: [],
    };
    pxelinuxLabel(b, env, path, label.directives, labelHop);
    hop.children.push(labelHop);
  }
  return hop;
}

function pxelinuxLabel(b: HopBuilder, env: Env, path: string, directives: Directive[], hop: Hop): void {
  const word = (d: Directive | undefined): { text: string; at: Place } | undefined => {
    const a = d?.argument;
    if (!a) return undefined;
    const text = a.text.split(/\s+/)[0] as string;
    return { text, at: { file: path, start: a.start, end: a.start + text.length } };
  };
  const kernel = word(directives.find((d) => d.name === 'kernel' || d.name === 'linux'));
  const append = directives.find((d) => d.name === 'append')?.argument;
  if (directives.some((d) => d.name === 'localboot')) {
    hop.children.push({ kind: 'local', label: 'local disk', status: 'ok', children: [] });
    return;
  }
  if (kernel) {
    const k = pxelinuxFile(b, env, path, 'kernel', kernel.text, kernel.at);
    hop.children.push(k);
    // An iPXE kernel (ipxe.lkrn) runs its APPEND line as commands: follow its `chain URL`.
    if (/ipxe|\.lkrn$/i.test(kernel.text) && append) {
      const chain = /(?:^|\s)chain\s+(\S+)/.exec(append.text);
      if (chain?.[1]) {
        const start = append.start + (chain.index ?? 0) + chain[0].length - chain[1].length;
        k.children.push(
          b.urlHop(env, 'script', chain[1], { file: path, start, end: start + chain[1].length }, undefined, {
            covered: false,
          }),
        );
      }
      return;
    }
  }
  const initrd = word(directives.find((d) => d.name === 'initrd'));
  if (initrd) {
    let offset = initrd.at.start;
    for (const name of initrd.text.split(',')) {
      hop.children.push(
        pxelinuxFile(b, env, path, 'initrd', name, { file: path, start: offset, end: offset + name.length }),
      );
      offset += name.length + 1;
    }
  }
  if (append) {
    for (const m of append.text.matchAll(
      /(?:^|\s)(initrd|coreos\.live\.rootfs_url|ignition\.config\.url|coreos\.inst\.ignition_url)=(\S+)/g,
    )) {
      const start = append.start + (m.index ?? 0) + m[0].length - (m[2] as string).length;
      let offset = start;
      for (const value of m[1] === 'initrd' ? (m[2] as string).split(',') : [m[2] as string]) {
        const at = { file: path, start: offset, end: offset + value.length };
        offset += value.length + 1;
        const kind: HopKind = m[1] === 'initrd' ? 'initrd' : /rootfs/.test(m[1] as string) ? 'rootfs' : 'ignition';
        hop.children.push(
          kind === 'initrd'
            ? pxelinuxFile(b, env, path, kind, value, at)
            : b.urlHop(env, kind, value, at, undefined, { covered: false }),
        );
      }
    }
  }
}

/** A PXELINUX file name: a TFTP name under the loader's root, or a URL (HTTP via lpxelinux/syslinux.efi). */
function pxelinuxFile(b: HopBuilder, env: Env, configPath: string, kind: HopKind, name: string, at: Place): Hop {
  if (URL_SCHEME.test(name)) {
    const hop = b.urlHop(env, kind, name, at, undefined, { covered: true });
    efiHttpHost(b, env, name, at, hop);
    return hop;
  }
  const path = localPath(name, { path: configPath, site: b.site });
  const hop: Hop = { kind, label: name, detail: 'TFTP', via: 'tftp', at, status: 'ok', children: [] };
  if (!path) {
    hop.status = 'unknown';
    hop.message = 'resolved only at boot time';
    return hop;
  }
  hop.path = path;
  b.checkFile(hop, kind, path, at, { covered: true });
  return hop;
}

/** syslinux.efi asks the TFTP server from DHCP for http:// URLs, whatever host they name (#907805). */
function efiHttpHost(b: HopBuilder, env: Env, url: string, at: Place, hop: Hop): void {
  if (env.loader?.family !== 'pxelinux' || env.loader.firmware !== 'uefi' || !env.tftpServer) return;
  const host = urlHost(url);
  if (!host || host === env.tftpServer) return;
  hop.status = hop.status === 'ok' ? 'warning' : hop.status;
  hop.message = `syslinux.efi fetches this from the TFTP server ${env.tftpServer}, not ${host} (Debian bug #907805)`;
  // pxelinux.efiHttpHost already says it when the site's TFTP server is the one DHCP names.
  if (env.tftpServer === b.site.tftpServer) return;
  b.report(
    CHAIN.efiHttpHost,
    at,
    'Under UEFI, syslinux.efi fetches this from the TFTP server DHCP names ' +
      `(${env.tftpServer}), not from ${host} (Debian bug #907805): make the DHCP TFTP server ` +
      `${host}, or boot UEFI machines with iPXE.`,
    b.relate(env.tftpServerAt, `the TFTP server machines get: ${env.tftpServer}`),
  );
}
