/** Our translator as the comparison sees it: verdicts, reports with their line, and the normalized output. */
import { parseButane } from '../../lib/languages/butane/parser';
import { translateButane } from '../../lib/languages/butane/translate';
import { normalizeIgnition, type Report, type Said } from './butaneOracle';

/** The 1-based line of an offset. */
function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

export function translateOurs(text: string, filesDir: string | undefined): Said {
  const translation = translateButane(parseButane(text).ast, { filesDir });
  const reports: Report[] = translation.reports.map((r) => ({
    level: r.level,
    key: r.path.join('.'),
    line: lineAt(text, r.start),
    rule: r.rule,
    message: r.message,
  }));
  const ok = !reports.some((r) => r.level === 'error');
  return {
    ok,
    strictOk: ok && !reports.some((r) => r.level === 'warning'),
    reports,
    ignition: ok ? normalizeIgnition(translation.ignition) : undefined,
  };
}
