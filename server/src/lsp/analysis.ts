import { URI } from 'vscode-uri';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { analysisFailed, analyze } from '../../../lib/core';
import { classify } from '../../../lib/core';
import type { Problem } from '../../../lib/core';
import type { LanguageId } from '../../../lib/core';
import { NO_CONTEXT, type RuleContext } from '../../../lib/core';
import { SERVICES } from '../../../lib/engine';
import { diskContext } from '../../../lib/site';

export interface Analysis {
  version: number;
  language: LanguageId | undefined;
  ast: unknown;
  problems: Problem[];
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
    const text = doc.getText();
    const language = classify(pathOf(doc.uri), text, doc.languageId);
    const service = language && SERVICES.get(language);
    let analysis: Analysis;
    try {
      const result = service ? analyze(service, text, contextOf(doc.uri)) : { ast: undefined, problems: [] };
      analysis = { version: doc.version, language: service ? language : undefined, ...result };
    } catch (error) {
      // No language features on a file its parser cannot read; the finding says so and the server lives on.
      analysis = {
        version: doc.version,
        language: undefined,
        ast: undefined,
        problems: [analysisFailed('Checking', error)],
      };
    }
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
