import type { HoverInfo } from '../../core/language';
import type { IgnitionConfig } from './ast';
import { DataUrlError, decodeDataUrl, isText } from './dataUrl';
import { versionOf } from './document';
import { nodeAt, pathsOf } from './pathAt';
import { fieldAt } from './spec';
import { LATEST_STABLE } from './versions';

const TYPE_WORDS: Record<string, string> = { string: 'text', integer: 'whole number', boolean: 'true/false', object: 'object', array: 'list' };

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
    return { markdown: `**${specPath}** — ${type}${field.required ? ', required' : ''}${field.since !== '3.0.0' ? `, since spec ${field.since}` : ''}\n\n${field.doc}`, ...range };
  }
  if (specPath.endsWith('.mode') && node.type === 'number') {
    const mode = node.value as number;
    return { markdown: `Mode **${mode}** = octal **0${mode.toString(8).padStart(3, '0')}** (${symbolic(mode)})`, ...range };
  }
  if (node.type === 'string' && String(node.value).startsWith('data:')) {
    try {
      const data = decodeDataUrl(String(node.value));
      if (!isText(data.bytes)) return { markdown: `data: URL, ${data.base64 ? 'base64' : 'percent-encoded'}: ${data.bytes.length} bytes of ${data.mediaType} (binary)`, ...range };
      const text = data.bytes.toString('utf8');
      const shown = text.length > 2000 ? `${text.slice(0, 2000)}\n…` : text;
      return { markdown: `data: URL, ${data.base64 ? 'base64' : 'percent-encoded'}, ${data.bytes.length} bytes — decoded:\n\n\`\`\`\n${shown.replace(/```/g, '`\u200b``')}\n\`\`\``, ...range };
    } catch (error) {
      if (error instanceof DataUrlError) return { markdown: `Broken data: URL: ${error.message}`, ...range };
      throw error;
    }
  }
  return undefined;
}

function symbolic(mode: number): string {
  const bits = 'rwxrwxrwx';
  let out = '';
  for (let i = 0; i < 9; i++) out += mode & (1 << (8 - i)) ? bits[i] : '-';
  return out;
}
