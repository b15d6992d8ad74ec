import type { Node, Pair } from 'yaml';
import { isScalar } from './yaml';
import type { ActionInfo } from '../../core/language';
import type { Fix } from '../../core/problem';
import { didYouMean } from '../../core/suggest';
import { encodeDataUrl, isText } from '../ignition/dataUrl';
import { contentsOf } from '../ignition/embedded';
import { symbolic } from '../ignition/hover';
import type { ButaneDocument } from './ast';
import { butaneFieldAt, childrenOf, firstSpecWith, latestStable, parentOf, specOf, versionsOf } from './catalog';
import { nodeAt, nodeAtPath, pairOf, type NodeAt } from './pathAt';
import type { ButaneSpec } from './translate/types';
import { looksDecimal } from './translate/validate';

type Edit = { start: number; end: number; newText: string };

/**
 * Refactors at the cursor: a decimal-looking mode written as octal, a misspelt key renamed, the config moved
 * to the newest stable version, and a resource's contents moved between `inline:` and a `data:` URL `source:`.
 */
export function actionsButane(doc: ButaneDocument, text: string, start: number): ActionInfo[] {
  const at = nodeAt(doc, start);
  if (!at) return [];
  const spec = specOf(doc.variant, doc.version);
  return [
    ...modeActions(at, text),
    ...(spec ? keyActions(spec, at) : []),
    ...(spec ? versionActions(doc, spec, at) : []),
    ...dataUrlActions(doc, at, text),
  ];
}

/**
 * Quick fixes for a finding of a Butane rule at `start` (its key or value): the refactors above as fixes,
 * for the rules to attach (`butane.decimalMode`: the octal mode; `butane.unknownKey`: the rename, preferred,
 * and the move to the version that has the key).
 */
export function fixesFor(ruleId: string, doc: ButaneDocument, text: string, start: number): Fix[] {
  const at = nodeAt(doc, start);
  const spec = specOf(doc.variant, doc.version);
  if (!at) return [];
  const actions =
    ruleId === 'butane.decimalMode'
      ? modeActions(at, text)
      : ruleId === 'butane.unknownKey' && spec
        ? [...keyActions(spec, at), ...versionActions(doc, spec, at)]
        : [];
  return actions.map((a, i) => ({ title: a.title, edits: a.edits ?? [], ...(i === 0 ? { preferred: true } : {}) }));
}

/**
 * `mode: 644` is the decimal number 644 to Butane (octal 1204, an odd mode); `0644` is what it almost always
 * means. Offered where Butane warns: the decimal number is an odd mode and the digits read as octal are not.
 */
export function octalModeEdit(raw: string, start: number, directory = false): (Edit & { title: string }) | undefined {
  if (!/^[1-9][0-9]*$/.test(raw) || !looksDecimal(Number(raw), directory)) return undefined;
  return { title: `Write the mode as octal: 0${raw} (${symbolic(parseInt(raw, 8))})`, start, end: start, newText: '0' };
}

function modeActions(at: NodeAt, text: string): ActionInfo[] {
  const range = at.node.range;
  if (at.isKey || !range || !isScalar(at.node) || !/(^|\.|_)mode$/.test(at.specPath)) return [];
  const directory = /(^|\.)directories\[\]\.mode$|dir_mode$/.test(at.specPath);
  const edit = octalModeEdit(text.slice(range[0], range[1]), range[0], directory);
  if (!edit) return [];
  const { title, ...change } = edit;
  return [{ title, kind: 'refactor', edits: [change] }];
}

/** A key this spec does not have: rename it to the closest one it has, or move to the version that brings it. */
function keyActions(spec: ButaneSpec, at: NodeAt): ActionInfo[] {
  const range = at.node.range;
  if (!at.isKey || !range || butaneFieldAt(spec, at.specPath)) return [];
  const parent = parentOf(at.specPath);
  if (parent && !butaneFieldAt(spec, parent)) return [];
  const key = String(at.path.at(-1));
  const known = childrenOf(spec, parent).map((f) => f.path.slice(f.path.lastIndexOf('.') + 1));
  const closest = didYouMean(key.replace(/([a-z0-9])([A-Z])/g, '$1_$2'), known);
  const rename: ActionInfo[] = closest
    ? [
        {
          title: `Change to \`${closest}\``,
          kind: 'refactor',
          edits: [{ start: range[0], end: range[1], newText: closest }],
        },
      ]
    : [];
  return rename;
}

/** On `version:`, and on a key a later version brings: move the config to the newest stable version. */
function versionActions(doc: ButaneDocument, spec: ButaneSpec, at: NodeAt): ActionInfo[] {
  const newest = latestStable(spec.variant);
  const order = versionsOf(spec.variant).map((s) => s.version);
  const onVersion = at.path.length === 1 && at.path[0] === 'version';
  const later = at.isKey && !butaneFieldAt(spec, at.specPath) ? firstSpecWith(spec.variant, at.specPath) : undefined;
  // Only forward, and only when the newest stable version has what the key needs.
  const forward = order.indexOf(newest.version) > order.indexOf(spec.version);
  if (!forward || (!onVersion && (!later || order.indexOf(later.version) > order.indexOf(newest.version)))) return [];
  const range = nodeAtPath(doc, ['version'])?.range;
  if (!range) return [];
  return [
    {
      title: `Move to ${spec.variant} ${newest.version} (Ignition ${newest.ignition})`,
      kind: 'refactor',
      edits: [{ start: range[0], end: range[1], newText: newest.version }],
    },
  ];
}

/** Decode a `source:` data: URL into `inline:`, encode `inline:` into one, or switch percent ⇄ base64. */
function dataUrlActions(doc: ButaneDocument, at: NodeAt, text: string): ActionInfo[] {
  const pair = at.pair;
  if (!pair || at.isKey || !isScalar(at.node) || typeof at.node.value !== 'string') return [];
  const resource = at.path.slice(0, -1);
  if (at.specPath.endsWith('.inline')) return [encodeAction(pair, at.node.value, text)];
  if (!at.specPath.endsWith('.source') || !at.node.value.startsWith('data:')) return [];
  const compression = pairOf(nodeAtPath(doc, resource), 'compression');
  const gzip = isScalar(compression?.value) && compression.value.value === 'gzip';
  const contents = contentsOf(at.node.value, gzip);
  if (!contents.ok) return [];
  const actions: ActionInfo[] = [];
  if (isText(contents.bytes))
    actions.push(decodeAction(pair, contents.bytes.toString('utf8'), text, gzip ? compression : undefined));
  const range = at.node.range;
  if (range && !gzip) {
    const url = encodeDataUrl(contents.bytes, { base64: !contents.data.base64, mediaType: contents.data.mediaType });
    actions.push({
      title: contents.data.base64 ? 'Convert data: URL to percent-encoding' : 'Convert data: URL to base64',
      kind: 'refactor',
      edits: [{ start: range[0], end: range[1], newText: JSON.stringify(url) }],
    });
  }
  return actions;
}

/** The offsets of a whole `key: value` (without the line breaks after a block value) and the key's column. */
function pairSpan(pair: Pair, text: string): { start: number; end: number; column: number } {
  const start = (pair.key as Node).range?.[0] ?? 0;
  const valueEnd = (pair.value as Node | null)?.range?.[1] ?? start;
  const end = start + text.slice(start, valueEnd).trimEnd().length;
  return { start, end, column: start - (text.lastIndexOf('\n', start - 1) + 1) };
}

function decodeAction(pair: Pair, contents: string, text: string, compression: Pair | undefined): ActionInfo {
  const span = pairSpan(pair, text);
  const edits: Edit[] = [
    { start: span.start, end: span.end, newText: `inline: ${blockScalar(contents, span.column + 2)}` },
  ];
  // The inline text is plain: the `compression: gzip` that described the URL would now be wrong.
  if (compression) edits.push(wholeLines(pairSpan(compression, text), text));
  return { title: 'Decode the data: URL into `inline:`', kind: 'refactor', edits };
}

function encodeAction(pair: Pair, contents: string, text: string): ActionInfo {
  const span = pairSpan(pair, text);
  const url = encodeDataUrl(Buffer.from(contents, 'utf8'), { base64: false });
  return {
    title: 'Encode `inline:` as a data: URL `source:`',
    kind: 'refactor',
    edits: [{ start: span.start, end: span.end, newText: `source: ${JSON.stringify(url)}` }],
  };
}

/** The lines a pair sits on, with their line break, so removing them leaves no blank line. */
function wholeLines(span: { start: number; end: number }, text: string): Edit {
  const lineStart = text.lastIndexOf('\n', span.start - 1) + 1;
  const lineEnd = text.indexOf('\n', span.end);
  const onlyPair = text.slice(lineStart, span.start).trim() === '';
  return { start: onlyPair ? lineStart : span.start, end: lineEnd < 0 ? text.length : lineEnd + 1, newText: '' };
}

/** Text as a YAML literal block scalar at `indent` spaces, with the chomping that keeps its final line breaks. */
export function blockScalar(contents: string, indent: number): string {
  if (contents === '') return '""';
  const body = contents.replace(/\n+$/, '');
  const trailing = contents.length - body.length;
  const chomp = trailing === 0 ? '-' : trailing === 1 ? '' : '+';
  // A first line that starts with a space needs the indentation written out.
  const indicator = /^[ \t]/.test(body) ? '2' : '';
  const pad = ' '.repeat(indent);
  const lines = body.split('\n').map((line) => (line ? pad + line : ''));
  const extra = trailing > 1 ? '\n'.repeat(trailing - 1) : '';
  return `|${indicator}${chomp}\n${lines.join('\n')}${extra}`;
}
