import { isScalar } from './yaml';
import type { HoverInfo } from '../../core/language';
import { contentsOf } from '../ignition/embedded';
import { contentsHover, symbolic } from '../ignition/hover';
import { specWithReaders } from '../ignition/versions';
import type { ButaneDocument } from './ast';
import { butaneFieldAt, firstSpecWith, latestStable, specOf, versionsOf, type ButaneField } from './catalog';
import { specFor } from './complete';
import { nodeAt, nodeAtPath, pairOf, type NodeAt } from './pathAt';
import type { ButaneSpec } from './translate/types';

const TYPE_WORDS: Record<string, string> = {
  string: 'text',
  integer: 'whole number',
  boolean: 'true/false',
  object: 'mapping',
  array: 'list',
};

const VARIANT_NAMES: Record<string, string> = { fcos: 'Fedora CoreOS', flatcar: 'Flatcar Container Linux' };

/** Field docs and the Ignition a key becomes; the spec a version maps to; a mode's bits; a data: URL decoded. */
export function hoverButane(doc: ButaneDocument, text: string, offset: number): HoverInfo | undefined {
  const at = nodeAt(doc, offset);
  const range = at?.node.range;
  if (!at || !range) return undefined;
  const markdown = at.isKey ? keyHover(doc, at.specPath) : valueHover(doc, text, at);
  return markdown === undefined ? undefined : { markdown, start: range[0], end: range[1] };
}

function keyHover(doc: ButaneDocument, path: string): string | undefined {
  const spec = specFor(doc);
  const field = butaneFieldAt(spec, path);
  const named = specOf(doc.variant, doc.version) ? '' : `\n\n*(No known spec named: shown for ${label(spec)}.)*`;
  if (!field) {
    const later = firstSpecWith(spec.variant, path);
    return later
      ? `**${path}** is not in ${label(spec)}: it comes with ${label(later)} (\`version: ${later.version}\`).`
      : undefined;
  }
  return `${heading(spec, field)}\n\n${field.doc}\n\n${becomes(spec, field)}${named}`;
}

const label = (spec: ButaneSpec): string => `${spec.variant} ${spec.version}`;

function heading(spec: ButaneSpec, field: ButaneField): string {
  const type = `${TYPE_WORDS[field.type] ?? field.type}${field.nullable ? ' or null' : ''}`;
  // A field every version of the variant has needs no "since".
  const since = field.since !== versionsOf(spec.variant)[0]?.version ? `, since ${spec.variant} ${field.since}` : '';
  return `**${field.path}** — ${type}${field.required ? ', required' : ''}${since}`;
}

function becomes(spec: ButaneSpec, field: ButaneField): string {
  const into = field.ignition ? `\`${field.ignition}\`` : field.becomes;
  return `Becomes: ${into} (Ignition ${spec.ignition})`;
}

function valueHover(doc: ButaneDocument, text: string, at: NodeAt): string | undefined {
  const node = at.node;
  if (!isScalar(node) || !node.range) return undefined;
  const raw = text.slice(node.range[0], node.range[1]);
  if (at.specPath === 'version') return versionHover(doc);
  if (at.specPath === 'variant') return VARIANT_NAMES[String(node.value)];
  if (/(^|\.|_)mode$/.test(at.specPath) && /^[0-9]/.test(raw)) return modeHover(raw);
  if (typeof node.value === 'string' && node.value.startsWith('data:') && at.specPath.endsWith('.source')) {
    const parent = at.path.slice(0, -1);
    const compression = pairOf(nodeAtPath(doc, parent), 'compression')?.value;
    const gzip = isScalar(compression) && compression.value === 'gzip';
    return contentsHover(contentsOf(node.value, gzip));
  }
  return undefined;
}

function versionHover(doc: ButaneDocument): string | undefined {
  const spec = specOf(doc.variant, doc.version);
  if (!spec) return undefined;
  const newest = latestStable(spec.variant);
  const advice =
    newest.version !== spec.version && !spec.experimental
      ? `\n\nThe newest stable ${spec.variant} spec is ${newest.version} (Ignition ${newest.ignition}).`
      : spec.experimental
        ? '\n\nExperimental: it may change without notice; use it only for testing.'
        : '';
  return `**${label(spec)}** becomes Ignition ${specWithReaders(spec.ignition)}.${advice}`;
}

/** Butane reads `0644` (and `0o644`) as octal; a mode without the leading 0 is a decimal number. */
function modeHover(raw: string): string | undefined {
  const octal = /^0o?([0-7]+)$/.exec(raw);
  if (octal) {
    const mode = parseInt(octal[1] as string, 8);
    return `Mode **${raw}** (octal) = ${mode} in the Ignition config (${symbolic(mode)})`;
  }
  if (!/^[1-9][0-9]*$/.test(raw)) return undefined;
  const mode = Number(raw);
  const shown = `0${mode.toString(8)}`;
  const meant = /^[0-7]{3,4}$/.test(raw) ? ` Did you mean \`0${raw}\` (${symbolic(parseInt(raw, 8))})?` : '';
  return `Mode **${raw}** is a decimal number: octal ${shown} (${symbolic(mode)}).${meant}`;
}
