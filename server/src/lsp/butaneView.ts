/** PXE: Show Translated Ignition: the Ignition an open Butane config becomes, asked for by the client's view. */
import type { TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { butaneFilesDir } from '../../../lib/core';
import { reportLine, translateText } from '../../../lib/languages';
import { contextOf, pathOf } from './analysis';

export const BUTANE_TRANSLATION_REQUEST = 'pxe/butaneTranslation';

/** The translation of one document: the Ignition JSON when nothing stopped it, and Butane's reports. */
export interface ButaneTranslationResult {
  /** Two-space JSON, as `butane --pretty` prints it; absent when an error stopped the translation. */
  json?: string;
  /** `error at $.path, line L col C: message`, Butane's raw form, errors first. */
  errors: string[];
  warnings: string[];
  /** The Ignition spec version of the output, when the config names a spec we know. */
  ignitionVersion?: string;
}

/**
 * Translates the open document at `uri` (null when it is not open). `local:` paths resolve as the CLI and
 * deploy resolve them: the site's `butane.filesDir`, else the file's folder; an unsaved file has none.
 */
export function butaneTranslation(documents: TextDocuments<TextDocument>, uri: string): ButaneTranslationResult | null {
  const doc = documents.get(uri);
  if (!doc) return null;
  const text = doc.getText();
  const path = pathOf(uri);
  const filesDir = uri.startsWith('file:') ? butaneFilesDir(contextOf(uri).site, path) : undefined;
  const result = translateText(text, filesDir);
  const spec = result.translation.spec;
  return {
    ...(result.output !== undefined ? { json: result.output } : {}),
    errors: result.errors.map((r) => reportLine(r, text)),
    warnings: result.warnings.map((r) => reportLine(r, text)),
    ...(spec ? { ignitionVersion: spec.ignition } : {}),
  };
}
