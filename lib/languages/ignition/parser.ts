import { getNodeValue } from 'jsonc-parser';
import type { Parsed } from '../../core/problem';
import { report } from '../../core/rule';
import { valueDepthExceeded } from '../../core/untrusted';
import { parseStrictJson } from '../../json/parse';
import { IgnitionConfig } from './ast';
import { jsonSyntax } from './rules/jsonSyntax';
import { template } from './rules/template';

/** Template markup outside JSON strings: Go text/template `{{…}}`, Terraform or shell `${…}`. */
const MARKUP = /\{\{|\$\{/;

/**
 * Where template markup sits outside every JSON string, or -1. Strings are blanked first (same length),
 * so `"source": "{{.URL}}"` in an otherwise valid config is not a template.
 */
export function templateMarkupAt(text: string): number {
  const outside = text.replace(/"(?:[^"\\\n]|\\.)*"/g, (s) => ' '.repeat(s.length));
  return outside.search(MARKUP);
}

/**
 * Strict JSON, as Ignition reads it. A file that is not JSON because it is a template is reported once
 * (`ignition.template`) and not checked further: its syntax errors are the template's, not the user's.
 */
export function parseIgnition(text: string): Parsed<IgnitionConfig> {
  // Valid JSON (most configs) is read natively (JSON.parse does not recurse); the tree with offsets, built
  // recursively, waits until something needs a place, and is never built past the nesting cap.
  const value = parseJson(text);
  if (value !== undefined && !valueDepthExceeded(value.json))
    return { ast: new IgnitionConfig(text, value.json), problems: [] };
  const parsed = parseStrictJson(text, jsonSyntax);
  const root = parsed.ast.root;
  const config = new IgnitionConfig(text, root && getNodeValue(root), root);
  if (!parsed.problems.some((p) => p.ruleId === jsonSyntax.id)) return { ast: config, problems: parsed.problems };
  const at = templateMarkupAt(text);
  if (at < 0) return { ast: config, problems: parsed.problems };
  const kind = text.startsWith('{{', at)
    ? 'a Go text/template (`{{…}}`)'
    : 'a template with `${…}` interpolations (Terraform, envsubst)';
  return {
    ast: new IgnitionConfig(text, undefined, undefined),
    problems: [
      report(
        template,
        { start: at, end: at + 2 },
        `This file is ${kind}: it is not JSON until rendered, so it is not checked. Lint the rendered config instead.`,
      ),
    ],
  };
}

/** The JSON value, or undefined when the text is not strict JSON. */
function parseJson(text: string): { json: unknown } | undefined {
  try {
    return { json: JSON.parse(text) as unknown };
  } catch {
    return undefined;
  }
}
