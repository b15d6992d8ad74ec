/**
 * Fixtures with inline markers: a line made only of carets and a rule id marks where that rule must fire
 * on the nearest line above that is not a marker. Marker lines are removed before linting.
 *
 *     kernal http://nas/vmlinuz
 *     ^^^^^^ ipxe.unknownCommand
 */
import { positionsOf, toRange } from '../../server/src/lsp/convert';
import { lintText, type Finding } from '../../lib/engine';

const MARKER = /^(\s*)(\^+)\s+([\w.]+)\s*$/;

export interface Expected {
  ruleId: string;
  line: number;
  start: number;
  end: number;
}

export function stripMarkers(fixture: string): { text: string; expected: Expected[] } {
  const lines = fixture.split('\n');
  const kept: string[] = [];
  const expected: Expected[] = [];
  for (const line of lines) {
    const m = MARKER.exec(line);
    if (m && kept.length > 0) {
      const start = (m[1] as string).length;
      expected.push({ ruleId: m[3] as string, line: kept.length - 1, start, end: start + (m[2] as string).length });
    } else {
      kept.push(line);
    }
  }
  return { text: kept.join('\n'), expected };
}

/** Findings as `line:start-end ruleId` strings, comparable with the markers. Multi-line ranges end at the line end. */
export function describeFindings(text: string, findings: readonly Finding[]): string[] {
  const positions = positionsOf(text);
  const lines = text.split('\n');
  return findings.map((f) => {
    const range = toRange(positions, f.start, f.end);
    const end = range.end.line === range.start.line ? range.end.character : (lines[range.start.line] ?? '').length;
    return `${range.start.line}:${range.start.character}-${end} ${f.ruleId}`;
  });
}

/** Lints a marked-up fixture as `path` and returns [actual, expected] for `expect(actual).toEqual(expected)`. */
export function lintFixture(
  path: string,
  fixture: string,
  only?: string,
): { actual: string[]; expected: string[]; findings: Finding[]; text: string } {
  const { text, expected } = stripMarkers(fixture);
  const findings = lintText(path, text).findings.filter((f) => !only || f.ruleId === only);
  return {
    actual: describeFindings(text, findings).sort(),
    expected: expected
      .filter((e) => !only || e.ruleId === only)
      .map((e) => `${e.line}:${e.start}-${e.end} ${e.ruleId}`)
      .sort(),
    findings,
    text,
  };
}

/** Applies a finding's first fix to the text. */
export function applyFix(text: string, finding: Finding): string {
  const edits = [...(finding.fixes?.[0]?.edits ?? [])].sort((a, b) => b.start - a.start);
  return edits.reduce((t, e) => t.slice(0, e.start) + e.newText + t.slice(e.end), text);
}

/**
 * The usual shape of a rule test: every `bad` fixture produces exactly its markers for `rule`, and every
 * `good` text produces nothing for it.
 */
export function checkRule(rule: string, path: string, cases: { bad: string[]; good: string[] }): void {
  for (const bad of cases.bad) {
    const r = lintFixture(path, bad, rule);
    if (r.expected.length === 0) throw new Error(`fixture for ${rule} has no markers:\n${bad}`);
    if (JSON.stringify(r.actual) !== JSON.stringify(r.expected)) {
      throw new Error(
        `${rule} on:\n${r.text}\nexpected ${JSON.stringify(r.expected)}\nbut got  ${JSON.stringify(r.actual)}`,
      );
    }
  }
  for (const good of cases.good) {
    const r = lintFixture(path, good, rule);
    if (r.actual.length)
      throw new Error(
        `${rule} fired on a good text:\n${good}\n${JSON.stringify(r.actual)}: ${r.findings.map((f) => f.message).join('; ')}`,
      );
  }
}

/** The text of every range `rule` flags in `text` (exact ranges, easier to read than caret columns on long JSON lines). */
export function flagged(rule: string, path: string, text: string): string[] {
  return lintText(path, text)
    .findings.filter((f) => f.ruleId === rule)
    .map((f) => text.slice(f.start, f.end));
}
