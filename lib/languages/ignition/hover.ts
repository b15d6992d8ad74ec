import type { HoverInfo } from '../../core/language';
import type { IgnitionConfig } from './ast';
import { isText } from './dataUrl';
import { versionOf } from './document';
import { contentsOf, gzipBeside, type Contents } from './embedded';
import { nodeAt, pathsOf } from './pathAt';
import { fieldAt } from './catalog';
import { LATEST_STABLE } from './versions';

const TYPE_WORDS: Record<string, string> = {
  string: 'text',
  integer: 'whole number',
  boolean: 'true/false',
  object: 'object',
  array: 'list',
};

/** Field docs on keys; the octal reading of a mode; the decoded contents of a data: URL. */
export function hoverIgnition(config: IgnitionConfig, _text: string, offset: number): HoverInfo | undefined {
  const at = nodeAt(config.root, offset);
  if (!at) return undefined;
  const { node, isKey } = at;
  const valueNode = isKey ? node.parent?.children?.[1] : node;
  const { specPath } = pathsOf(valueNode ?? node);
  const version = versionOf(config) ?? LATEST_STABLE;
  const range = { start: node.offset, end: node.offset + node.length };
  if (isKey) {
    const field = fieldAt(version, specPath);
    if (!field) return undefined;
    const type = `${TYPE_WORDS[field.type] ?? field.type}${field.nullable ? ' or null' : ''}`;
    return {
      markdown:
        `**${specPath}** — ` +
        `${type}${field.required ? ', required' : ''}${field.since !== '3.0.0' ? `, since spec ${field.since}` : ''}\n\n${field.doc}`,
      ...range,
    };
  }
  if (specPath.endsWith('.mode') && node.type === 'number') {
    const mode = node.value as number;
    return {
      markdown: `Mode **${mode}** = octal **0${mode.toString(8).padStart(3, '0')}** (${symbolic(mode)})`,
      ...range,
    };
  }
  if (node.type === 'string' && String(node.value).startsWith('data:'))
    return { markdown: contentsHover(contentsOf(String(node.value), gzipBeside(node))), ...range };
  return undefined;
}

/** The decoded (and inflated) contents, or why they are not shown. */
export function contentsHover(contents: Contents): string {
  if (!contents.ok) {
    if (contents.reason === 'broken') return `Broken data: URL: ${contents.message}`;
    if (contents.reason === 'corrupt') return `data: URL marked gzip, but ${contents.message}`;
    return `data: URL too large to show: ${contents.message}`;
  }
  const { data, bytes, gzip } = contents;
  const form = `${data.base64 ? 'base64' : 'percent-encoded'}${gzip ? `, gzip (${data.bytes.length} bytes compressed)` : ''}`;
  if (!isText(bytes)) return `data: URL, ${form}: ${bytes.length} bytes of ${data.mediaType} (binary)`;
  const text = bytes.toString('utf8', 0, Math.min(bytes.length, 8192));
  const shown = text.length > 2000 || bytes.length > 8192 ? `${text.slice(0, 2000)}\n…` : text;
  return `data: URL, ${form}, ${bytes.length} bytes — decoded:\n\n\`\`\`\n${shown.replace(/```/g, '`\u200b``')}\n\`\`\``;
}

export function symbolic(mode: number): string {
  const bits = 'rwxrwxrwx';
  let out = '';
  for (let i = 0; i < 9; i++) out += mode & (1 << (8 - i)) ? bits[i] : '-';
  return out;
}
