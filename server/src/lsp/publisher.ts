/** The one place diagnostics leave the server: open documents, closed chain files and closed documents alike. */
import type { Connection } from 'vscode-languageserver';
import type { Finding } from '../../../lib/engine';
import { toDiagnostic, type Locate, type Positions } from './convert';

export class Publisher {
  /** What was last sent per file: the same diagnostics for the same version are not sent again. */
  private readonly sent = new Map<string, string>();

  constructor(
    private readonly connection: Connection,
    /** Where other files' offsets are, for findings that point into them. */
    private readonly locate: Locate,
  ) {}

  /** Replaces the file's diagnostics; `version` is the open document's, undefined for a file on disk. */
  publish(uri: string, version: number | undefined, findings: readonly Finding[], positions: Positions): void {
    const diagnostics = findings.map((f) => toDiagnostic(f, positions, uri, this.locate));
    const key = JSON.stringify([version, diagnostics]);
    if (this.sent.get(uri) === key) return;
    if (diagnostics.length || version !== undefined) this.sent.set(uri, key);
    else this.sent.delete(uri); // cleared: nothing to remember
    void this.connection.sendDiagnostics(version === undefined ? { uri, diagnostics } : { uri, version, diagnostics });
  }
}
