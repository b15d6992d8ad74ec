import type { Parsed } from '../../core/problem';
import { report } from '../../core/rule';
import { parseStrictJson } from '../../json/parse';
import type { IgnitionConfig } from './ast';
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
  const parsed = parseStrictJson(text, jsonSyntax);
  if (!parsed.problems.some((p) => p.ruleId === jsonSyntax.id)) return parsed;
  const at = templateMarkupAt(text);
  if (at < 0) return parsed;
  const kind = text.startsWith('{{', at)
    ? 'a Go text/template (`{{…}}`)'
    : 'a template with `${…}` interpolations (Terraform, envsubst)';
  return {
    ast: { root: undefined },
    problems: [
      report(
        template,
        { start: at, end: at + 2 },
        `This file is ${kind}: it is not JSON until rendered, so it is not checked. Lint the rendered config instead.`,
      ),
    ],
  };
}
