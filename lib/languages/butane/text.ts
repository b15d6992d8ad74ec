/**
 * A Butane text translated, in the forms everything shows it in: the Ignition file text (deploy, node
 * generation, the CLI's `-o`, the editor's translated view) and Butane's own report line.
 */
import { positionsOf } from '../../core/positions';
import { escapeControl } from '../../core/untrusted';
import type { ButaneReport, ConfigPath } from './ast';
import { parseButane } from './parser';
import { translateButane } from './translate/index';
import type { Translation } from './translate/types';

/** A translation as a file: two-space JSON with a final newline (what `butane --pretty` prints, plus the newline). */
export function ignitionText(ignition: Record<string, unknown>): string {
  return `${JSON.stringify(ignition, null, 2)}\n`;
}

/** Butane's path notation: `$.storage.files.0.path`. */
export function butanePath(path: ConfigPath): string {
  return `$${path.map((p) => `.${String(p)}`).join('')}`;
}

/** Butane's raw report form: `error at $.a.0.b, line L col C: message` (1-based line and column). */
export function reportLine(report: ButaneReport, text: string): string {
  const at = positionsOf(text).positionAt(report.start);
  const where = `${butanePath(report.path)}, line ${at.line + 1} col ${at.character + 1}`;
  return `${report.level} at ${where}: ${escapeControl(report.message)}`;
}

/** A Butane text translated: the reports, and the Ignition file text when no error stopped it. */
export interface TranslatedText {
  translation: Translation;
  errors: ButaneReport[];
  warnings: ButaneReport[];
  /** `ignitionText` of the result; undefined when an error stopped the translation. */
  output?: string;
}

export function translateText(text: string, filesDir: string | undefined): TranslatedText {
  const translation = translateButane(parseButane(text).ast, filesDir ? { filesDir } : {});
  const errors = translation.reports.filter((r) => r.level === 'error');
  const warnings = translation.reports.filter((r) => r.level === 'warning');
  const output = translation.ignition && !errors.length ? ignitionText(translation.ignition) : undefined;
  return { translation, errors, warnings, ...(output !== undefined ? { output } : {}) };
}
