import { relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as Sarif from 'sarif';
import { RULES, RULES_BY_ID, type FileReport } from '../../lib/engine';
import { docsAnchor } from '../../lib/core';
import { positionsOf, rangeOf as toRange } from '../../lib/core';

export type Format = 'text' | 'json' | 'sarif';
export const FORMATS: readonly Format[] = ['text', 'json', 'sarif'];

export interface JsonFinding {
  file: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  severity: 'error' | 'warning' | 'info' | 'hint';
  code: string;
  message: string;
}

/** Findings with LSP ranges (0-based line and UTF-16 character), files relative to `cwd`. */
export function toJsonFindings(reports: readonly FileReport[], cwd: string): JsonFinding[] {
  return reports.flatMap((report) => {
    const positions = positionsOf(report.text);
    const file = relative(cwd, report.path) || report.path;
    return report.findings.map((f) => ({
      file,
      range: toRange(positions, f.start, f.end),
      severity: f.severity,
      code: f.ruleId,
      message: f.message,
    }));
  });
}

export function formatText(findings: readonly JsonFinding[]): string {
  return findings
    .map(
      (f) => `${f.file}:${f.range.start.line + 1}:${f.range.start.character + 1}: ${f.severity} ${f.code} ${f.message}`,
    )
    .join('\n');
}

const SARIF_LEVEL: Record<JsonFinding['severity'], Sarif.Result.level> = {
  error: 'error',
  warning: 'warning',
  info: 'note',
  hint: 'note',
};

export function formatSarif(findings: readonly JsonFinding[], cwd: string, version: string): Sarif.Log {
  const rules: Sarif.ReportingDescriptor[] = RULES.map((r) => ({
    id: r.id,
    shortDescription: { text: r.summary },
    help: { text: r.fix },
    helpUri: docsAnchor(r.id),
    defaultConfiguration: { level: SARIF_LEVEL[r.severity] },
  }));
  const index = new Map<string, number>(RULES.map((r, i) => [r.id, i]));
  return {
    version: '2.1.0',
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    runs: [
      {
        tool: {
          driver: {
            name: 'pxe-workbench',
            version,
            informationUri: 'https://github.com/pxe-workbench/pxe-workbench',
            rules,
          },
        },
        originalUriBaseIds: { SRCROOT: { uri: `${pathToFileURL(cwd).href}/` } },
        columnKind: 'utf16CodeUnits',
        results: findings.map((f) => ({
          ruleId: f.code,
          ...(index.has(f.code) ? { ruleIndex: index.get(f.code) } : {}),
          level: SARIF_LEVEL[f.severity],
          message: { text: f.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: {
                  uri: f.file.split(/[\\/]/).map(encodeURIComponent).join('/'),
                  uriBaseId: 'SRCROOT',
                },
                region: {
                  startLine: f.range.start.line + 1,
                  startColumn: f.range.start.character + 1,
                  endLine: f.range.end.line + 1,
                  endColumn: f.range.end.character + 1,
                },
              },
            },
          ],
        })),
      },
    ],
  };
}

export function summary(findings: readonly JsonFinding[], files: number): string {
  const count = (s: JsonFinding['severity']): number => findings.filter((f) => f.severity === s).length;
  const parts = [`${count('error')} error(s)`, `${count('warning')} warning(s)`];
  const other = count('info') + count('hint');
  if (other) parts.push(`${other} info/hint(s)`);
  return `${parts.join(', ')} in ${files} file(s) checked.`;
}

export function knownRule(id: string): boolean {
  return RULES_BY_ID.has(id);
}
