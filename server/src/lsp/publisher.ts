/** The one place diagnostics leave the server: open documents, closed chain files and closed documents alike. */
import type { Connection } from 'vscode-languageserver';
import type { Finding } from '../../../lib/engine';
import { toDiagnostic, type Locate, type Positions } from './convert';

export class Publisher {
  constructor(
    private readonly connection: Connection,
    /** Where other files' offsets are, for findings that point into them. */
    private readonly locate: Locate,
  ) {}

  /** Replaces the file's diagnostics; `version` is the open document's, undefined for a file on disk. */
  publish(uri: string, version: number | undefined, findings: readonly Finding[], positions: Positions): void {
    const diagnostics = findings.map((f) => toDiagnostic(f, positions, uri, this.locate));
    void this.connection.sendDiagnostics(version === undefined ? { uri, diagnostics } : { uri, version, diagnostics });
  }
}
