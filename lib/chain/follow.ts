/** What fetched files lead to: an iPXE script's images and chained scripts, an Ignition config's merged configs. */
import { analyze } from '../core/language';
import { jsonDepthExceeded, MAX_JSON_DEPTH } from '../core/untrusted';
import { ignition, objectOf, type JsonPath } from '../languages/ignition';
import { IMAGE_COMMANDS, INITRD_COMMANDS, modelOf, parseIpxe, splitArgs, type IpxeModel } from '../languages/ipxe';
import { URL_SCHEME, type Env, type HopBuilder } from './hops';
import { CHAIN } from './rules';
import type { Hop, HopKind } from './model';

export function followScript(b: HopBuilder, env: Env, hop: Hop, path: string): void {
  const parsed = b.parse(path, (text) => ({ script: parseIpxe(text).ast, text }), 'ipxe');
  if (!parsed) return;
  if (!parsed.script.header) {
    hop.status = 'warning';
    hop.message = 'no #!ipxe first line: iPXE does not run it as a script';
    return;
  }
  const model = modelOf(parsed.script, parsed.text);
  const from = hop.at;
  needsShim(b, env, model, path);
  for (const { command } of model.commands) {
    const name = command.name.text;
    const { positional } = splitArgs(command);
    const first = positional[0];
    if (!first) continue;
    const image = IMAGE_COMMANDS.has(name);
    const initrd = INITRD_COMMANDS.has(name);
    if (!image && !initrd) continue;
    const expandHere = (text: string): string => expand(text, model, command.start, env);
    const at = { file: path, start: first.start, end: first.end };
    const url = absolute(expandHere(first.text), hop.url);
    let kind: HopKind = initrd ? 'initrd' : 'kernel';
    if ((name === 'chain' || name === 'imgexec') && /\.ipxe$|\.txt$|\/[^./]*$/i.test(url.split(/[?#]/)[0] as string))
      kind = 'script';
    if (initrd && /rootfs/.test(url)) kind = 'rootfs';
    const child = b.urlHop(env, kind, url, at, from, { covered: false });
    if (image) {
      for (const word of positional.slice(1)) {
        const m = /^(coreos\.live\.rootfs_url|ignition\.config\.url|coreos\.inst\.ignition_url)=(.+)$/.exec(word.text);
        if (!m) continue;
        const value = m[2] as string;
        const argAt = { file: path, start: word.end - value.length, end: word.end };
        child.children.push(
          b.urlHop(
            env,
            /rootfs/.test(m[1] as string) ? 'rootfs' : 'ignition',
            absolute(expandHere(value), hop.url),
            argAt,
            from,
            { covered: false },
          ),
        );
      }
    }
    hop.children.push(child);
  }
}

/**
 * Under Secure Boot, iPXE (itself loaded by its signed shim) boots a distribution's kernel only through that
 * distribution's shim: the script must name it with `shim` (iPXE 2.0 and later), or the kernel is refused.
 */
function needsShim(b: HopBuilder, env: Env, model: IpxeModel, path: string): void {
  if (env.client.secureBoot !== true || env.loader?.family !== 'ipxe') return;
  if (model.commands.some(({ command }) => command.name.text === 'shim')) return;
  const kernel = model.commands.find(
    ({ command }) =>
      /^(kernel|imgexec|chain|boot)$/.test(command.name.text) &&
      splitArgs(command).positional[0] !== undefined &&
      !/\.ipxe$|\.txt$/i.test(splitArgs(command).positional[0]!.text),
  );
  const word = kernel && splitArgs(kernel.command).positional[0];
  if (!word) return;
  b.report(
    CHAIN.secureBootNoShim,
    { file: path, start: word.start, end: word.end },
    'Under Secure Boot (pxe-site.json says it is on), iPXE boots a Linux kernel only through the shim of the ' +
      "kernel's distribution: add `shim <URL of that distribution's shimx64.efi>` before `boot` (iPXE 2.0 and later; " +
      'ipxe.org/cmd/shim), or GRUB-less distribution kernels are refused.',
  );
}

/** Resolves a URL relative to the script that names it, the way iPXE does. */
function absolute(url: string, base: string | undefined): string {
  if (URL_SCHEME.test(url) || !base || url.includes('${')) return url;
  try {
    return new URL(url, base).href;
  } catch {
    return url;
  }
}

/** Expands `${…}` with the script's literal `set`s before `offset` and what the machine knows. */
function expand(text: string, model: IpxeModel, offset: number, env: Env, depth = 0): string {
  // Unresolved settings stay masked until the outermost call, so a value that names its own setting
  // (`set a ${a}${a}`) cannot be substituted again and again; long results stop expanding.
  if (!text.includes('${') || depth > 8) return text;
  const known = (scope: string | undefined, name: string): string | undefined => {
    const c = env.client;
    switch (name) {
      case 'mac':
        return c.mac;
      case 'ip':
        return c.ip;
      case 'hostname':
        return c.hostname;
      case 'root-path':
        return env.rootPath?.text;
      case 'next-server':
        return env.tftpServer;
      case 'filename':
        return env.bootFile;
      case 'platform':
        return c.firmware === 'uefi' ? 'efi' : 'pcbios';
      case 'buildarch':
        return c.firmware === 'uefi' ? 'x86_64' : 'i386';
    }
    if (scope && scope !== 'local' && !/^net\d/.test(scope)) return undefined;
    let value: string | undefined;
    let at = -1;
    for (const def of model.defs) {
      if (def.name === name && def.value !== undefined && def.command.start < offset && def.command.start > at) {
        value = def.value;
        at = def.command.start;
      }
    }
    return value === undefined ? undefined : expand(value, model, at, env, depth + 1);
  };
  let result = text;
  for (let i = 0; i < 16 && result.length < 8192 && /\$\{[^{}$]*\}/.test(result); i++) {
    let unresolved = false;
    result = result.replace(/\$\{([^{}$]*)\}/g, (whole, inner: string) => {
      const [ref = '', type] = inner.split(':');
      const slash = ref.lastIndexOf('/');
      const scope = slash >= 0 ? ref.slice(0, slash) : undefined;
      const value = known(scope, ref.slice(slash + 1));
      if (value === undefined) {
        unresolved = true;
        return whole.replace('${', '$\u{e000}{');
      }
      if (type === 'hexhyp') return value.replace(/:/g, '-');
      if (type === 'hexraw') return value.replace(/:/g, '');
      return value;
    });
    if (unresolved) break;
  }
  return depth ? result : result.replace(/\$\u{e000}\{/gu, '${');
}

export function followIgnition(b: HopBuilder, env: Env, hop: Hop, path: string): void {
  const text = b.text(path);
  if (text === undefined) return;
  if (jsonDepthExceeded(text) >= 0) {
    // Not parsed (the parser recurses): the file's own diagnostics say where it goes too deep.
    hop.status = 'warning';
    hop.message = `the config nests deeper than ${MAX_JSON_DEPTH} levels: not read, so not followed (see the file)`;
    return;
  }
  const result = b.parse(path, (t) => analyze(ignition, t), 'ignition');
  if (!result) return;
  const severities = new Map<string, string>(
    [...ignition.parserRules, ...ignition.rules].map((r) => [r.id, r.severity]),
  );
  const errors = result.problems.filter((p) => (severities.get(p.ruleId) ?? 'error') === 'error').length;
  if (errors) {
    hop.status = 'warning';
    hop.message = `${errors} error${errors === 1 ? '' : 's'} in the config: Ignition would refuse it (see the file)`;
  }
  // The configs this one merges or replaces it with (`ignition.config`), read from its value.
  const config = result.ast;
  const refs = objectOf(objectOf(objectOf(config.value)?.ignition)?.config);
  const sources: [JsonPath, unknown][] = [];
  if (Array.isArray(refs?.merge))
    refs.merge.forEach((item, i) =>
      sources.push([['ignition', 'config', 'merge', i, 'source'], objectOf(item)?.source]),
    );
  if (refs?.replace !== undefined)
    sources.push([['ignition', 'config', 'replace', 'source'], objectOf(refs.replace)?.source]);
  for (const [where, url] of sources) {
    if (typeof url !== 'string' || !/^https?:\/\//.test(url)) continue;
    const range = config.rangeAt(where);
    const at = { file: path, start: range.start + 1, end: range.end - 1 };
    hop.children.push(b.urlHop(env, 'ignition', url, at, hop.at, { covered: false }));
  }
}
