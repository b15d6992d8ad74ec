import { URI } from 'vscode-uri';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { NO_CONTEXT, type Problem, type RuleContext } from '../../../lib/core';
import { analyzeDocument, type DocumentAnalysis, type DocumentFeatures } from '../../../lib/engine';
import type { LanguageId } from '../../../lib/engine';
import { diskContext } from '../../../lib/site';

/** An open document's analysis for one version (the engine's, graded again whenever the chain changes). */
export interface Analysis extends DocumentAnalysis {
  version: number;
  /** The language whose features serve this version: none when the file is not ours or its check failed. */
  language: LanguageId | undefined;
  features: DocumentFeatures | undefined;
  problems: readonly Problem[];
}

export function pathOf(uri: string): string {
  try {
    return URI.parse(uri).fsPath;
  } catch {
    return uri;
  }
}

/** Files on disk get the disk and their site as context; unsaved documents only their text. */
export function contextOf(uri: string): RuleContext {
  return uri.startsWith('file:') ? diskContext(pathOf(uri)) : NO_CONTEXT;
}

/** Full reparse per change, cached by (uri, version): every request on the same version reuses it. */
export class AnalysisCache {
  private readonly entries = new Map<string, Analysis>();

  get(doc: TextDocument): Analysis {
    const cached = this.entries.get(doc.uri);
    if (cached && cached.version === doc.version) return cached;
    const { language, features, problems } = analyzeDocument(doc.getText(), {
      path: pathOf(doc.uri),
      languageId: doc.languageId,
      rules: () => contextOf(doc.uri),
    });
    // No language features on a file its check failed on: it counts as not ours for requests.
    const analysis: Analysis = { version: doc.version, language: features && language, features, problems };
    this.entries.set(doc.uri, analysis);
    return analysis;
  }

  delete(uri: string): void {
    this.entries.delete(uri);
  }

  /** Forget every analysis (the rules' inputs changed, e.g. a new RouterOS command tree). */
  clear(): void {
    this.entries.clear();
  }
}

/** Runs a task per key after a quiet period; a newer call for the same key replaces the pending one. */
export class Debouncer {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  constructor(private readonly delayMs: number) {}

  schedule(key: string, task: () => void, delayMs = this.delayMs): void {
    this.cancel(key);
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        task();
      }, delayMs),
    );
  }

  cancel(key: string): void {
    const timer = this.timers.get(key);
    if (timer) clearTimeout(timer);
    this.timers.delete(key);
  }
}
