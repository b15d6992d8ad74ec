import { dirname, join } from 'node:path';
import type { RuleContext } from '../../core/ruleContext';
import type { Completion } from '../../core/language';
import { kernelArgCompletions } from '../ipxe/complete';
import type { PxelinuxConfig } from './ast';
import { APPEND_BITS, KEYWORDS, MENU_KEYWORDS, UBOOT_KEYWORDS } from './catalog';
import { tftpRootOf } from './paths';

const FILE_KEYWORDS =
  /^(kernel|linux|boot|bss|pxe|fdimage|comboot|com32|config|initrd|ui|include|display|font|kbdmap|f\d+)$/i;

export function completePxelinux(
  config: PxelinuxConfig,
  text: string,
  offset: number,
  context: RuleContext = {},
): Completion[] {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  const current = /\S*$/.exec(before)?.[0] ?? '';
  const replace = { start: offset - current.length, end: offset };
  const inLabel = config.labels.some((l) => l.directive.start < lineStart);
  if (/^\s*[\w-]*$/.test(before)) {
    // U-Boot's own keywords (device trees) where U-Boot reads the file: extlinux.conf.
    const uboot = /extlinux\.conf$/i.test(context.path ?? '') ? [...UBOOT_KEYWORDS] : [];
    return [...KEYWORDS, ...uboot]
      .filter(([, spec]) => (inLabel ? spec.where !== 'global' : spec.where !== 'label'))
      .map(([name, spec]) => ({
        label: name.toUpperCase(),
        kind: 'keyword',
        detail: `${spec.argument} · ${spec.where === 'label' ? 'in a LABEL' : spec.where === 'global' ? 'global' : 'anywhere'}`,
        documentation: spec.summary,
        replace,
      }));
  }
  if (/^\s*menu\s+[\w-]*$/i.test(before)) {
    return [...MENU_KEYWORDS].map(([name, spec]) => ({
      label: name.toUpperCase(),
      kind: 'keyword',
      detail: spec.argument,
      documentation: spec.summary,
      replace,
    }));
  }
  const keyword = (/^\s*(\S+)/.exec(before)?.[1] ?? '').toLowerCase();
  if (/^\s*(default|ontimeout|onerror)\s+\S*$/i.test(before)) {
    return config.labels.map((l) => ({ label: l.name.text, kind: 'reference', detail: 'LABEL', replace }));
  }
  if (/^\s*(ipappend|sysappend)\s+\S*$/i.test(before)) {
    const values: [string, string][] =
      keyword === 'ipappend'
        ? [
            ['1', 'ip= only'],
            ['2', 'BOOTIF= only (recommended)'],
            ['3', 'ip= and BOOTIF='],
          ]
        : APPEND_BITS.map(([bit, adds]) => [`0x${bit.toString(16)}`, adds]);
    return values.map(([value, meaning]) => ({ label: value, kind: 'value', detail: meaning, replace }));
  }
  if (FILE_KEYWORDS.test(keyword) && /^\s*\S+\s+\S*$/.test(before)) return completeFile(current, context, replace);
  if (keyword === 'append' && !current.includes('=')) {
    return kernelArgCompletions(replace);
  }
  return [];
}

/** Files and folders in the TFTP root under the typed folder. */
function completeFile(typed: string, context: RuleContext, replace: { start: number; end: number }): Completion[] {
  const root = tftpRootOf(context);
  if (!root || !context.files || /^[a-z]+:\/\//i.test(typed)) return [];
  const folder = typed.slice(0, Math.max(0, typed.lastIndexOf('/')));
  const names = context.files.list(join(root, ...folder.split('/').filter(Boolean))) ?? [];
  const prefix = folder ? `${folder}/` : '';
  const start = replace.end - (typed.length - prefix.length);
  return names
    .filter((name) => name !== 'pxelinux.cfg' && !name.startsWith('.'))
    .map((name) => {
      const isDir = context.files?.list(join(root, ...folder.split('/').filter(Boolean), name)) !== undefined;
      return {
        label: isDir ? `${name}/` : name,
        kind: 'file' as const,
        detail: isDir ? 'folder in the TFTP root' : dirname(join(prefix, name)) === '.' ? 'TFTP root' : prefix,
        replace: { start, end: replace.end },
      };
    });
}
