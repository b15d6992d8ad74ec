import { join } from 'node:path';
import type { Completion } from '../../core/language';
import type { RuleContext } from '../../core/ruleContext';
import { kernelArgCompletions } from '../ipxe/complete';
import type { GrubConfig } from './ast';
import { COMMANDS, KERNEL_COMMANDS, MODULES, VARIABLES } from './catalog';
import { tftpRootOf } from './paths';

/** Commands whose first argument after the options is a file in the TFTP root. */
const FILE_COMMANDS = new Set(
  [...COMMANDS]
    .filter(([, s]) => s.file || s.files)
    .map(([name]) => name)
    .filter((n) => n !== 'insmod'),
);

/** Where a command starts: the line start, or after `;`, `{`, `then`, `else`, `do`. */
const COMMAND_START = /(?:^|[;{]|\b(?:then|else|do)\s)\s*([\w.[-]*)$/;

export function completeGrub(
  config: GrubConfig,
  text: string,
  offset: number,
  context: RuleContext = {},
): Completion[] {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  const variable = /\$\{?(\w*)$/.exec(before);
  if (variable) return completeVariable(config, variable[1] as string, offset);
  const current = /[^\s;{}]*$/.exec(before)?.[0] ?? '';
  const replace = { start: offset - current.length, end: offset };
  const start = COMMAND_START.exec(before);
  if (start && start[1] === current) return completeCommand(config, replace);
  const words = before.slice(before.search(/\S/)).split(/\s+/);
  const name = words[0] ?? '';
  const argIndex = words.length - 1;
  if (/^(set\s+)?default=/.test(before.trim())) {
    const typed = /default=(\S*)$/.exec(before)?.[1] ?? '';
    return completeEntry(config, { start: offset - typed.length, end: offset });
  }
  if (name === 'insmod' && argIndex === 1)
    return MODULES.map((m) => ({ label: m, kind: 'value', detail: 'GRUB module', replace }));
  const options = words.slice(1, -1).filter((w) => w.startsWith('-')).length;
  if (FILE_COMMANDS.has(name) && argIndex === options + 1) return completeFile(current, context, replace);
  if (KERNEL_COMMANDS.has(name) && argIndex > options + 1 && !current.includes('='))
    return kernelArgCompletions(replace);
  return [];
}

function completeCommand(config: GrubConfig, replace: { start: number; end: number }): Completion[] {
  const functions = config.functions.flatMap((f) => (f.name ? [f.name.value] : []));
  return [
    ...[...COMMANDS].map(([name, spec]) => ({
      label: name,
      kind: 'function' as const,
      detail: spec.args,
      documentation: spec.summary,
      replace,
    })),
    ...functions.map((name) => ({ label: name, kind: 'function' as const, detail: 'function in this file', replace })),
  ];
}

function completeVariable(config: GrubConfig, typed: string, offset: number): Completion[] {
  const replace = { start: offset - typed.length, end: offset };
  const known = [...VARIABLES].filter(([, spec]) => !spec.pattern);
  const assigned = [...new Set(config.assignments.map((a) => a.name))].filter((n) => !VARIABLES.has(n));
  return [
    ...known.map(([name, spec]) => ({
      label: name,
      kind: 'variable' as const,
      documentation: spec.summary,
      replace,
    })),
    ...assigned.map((name) => ({ label: name, kind: 'variable' as const, detail: 'set in this file', replace })),
  ];
}

/** Titles and ids of the top-level entries (a number works too). */
function completeEntry(config: GrubConfig, replace: { start: number; end: number }): Completion[] {
  return config.entries.flatMap((entry, index) => {
    const out: Completion[] = [];
    if (entry.id) out.push({ label: entry.id.value, kind: 'reference', detail: `--id of entry ${index}`, replace });
    if (entry.title) {
      const title = entry.title.value;
      out.push({
        label: title,
        kind: 'reference',
        detail: `entry ${index}`,
        insertText: /^[\w.-]+$/.test(title) ? title : `"${title.replace(/(["$\\])/g, '\\$1')}"`,
        replace,
      });
    }
    return out;
  });
}

/** Files and folders in the TFTP root under the typed folder (a leading `/` or `(tftp)/` is the root). */
function completeFile(typed: string, context: RuleContext, replace: { start: number; end: number }): Completion[] {
  const root = tftpRootOf(context);
  const device = /^(\((tftp|pxe)[^)]*\))?\/?/.exec(typed)?.[0] ?? '';
  if (!root || !context.files || (/^\(/.test(typed) && !device.startsWith('('))) return [];
  const rest = typed.slice(device.length);
  const folder = rest.slice(0, Math.max(0, rest.lastIndexOf('/')));
  const dir = join(root, ...folder.split('/').filter(Boolean));
  const names = context.files.list(dir) ?? [];
  const start = replace.end - (rest.length - (folder ? folder.length + 1 : 0));
  return names
    .filter((name) => !name.startsWith('.'))
    .map((name) => {
      const isDir = context.files?.list(join(dir, name)) !== undefined;
      return {
        label: isDir ? `${name}/` : name,
        kind: 'file' as const,
        detail: isDir ? 'folder in the TFTP root' : `TFTP root${folder ? `/${folder}` : ''}`,
        replace: { start, end: replace.end },
      };
    });
}
