import * as vscode from 'vscode';
import { findNodeAtLocation } from 'jsonc-parser';
import { parseTreeCapped } from '../../../lib/json';
import { encodeDataUrl, isText } from '../../../lib/languages';
import { EmbeddedError, readEmbedded, writeEmbedded } from '../../../lib/languages';

export const DECODED_SCHEME = 'pxe-data';

interface Entry {
  config: vscode.Uri;
  jsonPath: (string | number)[];
}

/**
 * Files embedded as data: URLs in Ignition configs, opened as ordinary editable documents. Saving one
 * re-encodes it into the config in the same form (percent or base64, gzip kept) and saves the config.
 */
export class DecodedFiles implements vscode.FileSystemProvider {
  private readonly entries = new Map<string, Entry>();
  private readonly changed = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.changed.event;

  /** A URI for the data: URL at `jsonPath`, named after the file path it holds so the right language is used. */
  uriFor(config: vscode.Uri, jsonPath: (string | number)[], name: string): vscode.Uri {
    const id = Buffer.from(JSON.stringify([config.toString(), jsonPath])).toString('base64url');
    this.entries.set(id, { config, jsonPath });
    return vscode.Uri.from({ scheme: DECODED_SCHEME, path: `/${id}/${name.replace(/^\/+/, '') || 'contents'}` });
  }

  private entry(uri: vscode.Uri): Entry {
    const id = uri.path.split('/')[1] ?? '';
    const known = this.entries.get(id);
    if (known) return known;
    const [config, jsonPath] = JSON.parse(Buffer.from(id, 'base64url').toString('utf8')) as [
      string,
      (string | number)[],
    ];
    return { config: vscode.Uri.parse(config), jsonPath };
  }

  private async configText(entry: Entry): Promise<vscode.TextDocument> {
    return vscode.workspace.openTextDocument(entry.config);
  }

  async readFile(uri: vscode.Uri): Promise<Uint8Array> {
    const entry = this.entry(uri);
    try {
      return readEmbedded((await this.configText(entry)).getText(), entry.jsonPath).bytes;
    } catch (error) {
      if (!(error instanceof EmbeddedError)) throw error;
      // Too deep, broken, corrupt or over the inflate cap: the editor shows the message instead of contents.
      throw error.reason === 'moved'
        ? vscode.FileSystemError.FileNotFound(error.message)
        : vscode.FileSystemError.Unavailable(error.message);
    }
  }

  async writeFile(uri: vscode.Uri, content: Uint8Array): Promise<void> {
    const entry = this.entry(uri);
    const doc = await this.configText(entry);
    const text = doc.getText();
    const updated = writeEmbedded(text, entry.jsonPath, Buffer.from(content));
    if (updated === text) return;
    const wasDirty = doc.isDirty;
    const edit = new vscode.WorkspaceEdit();
    edit.replace(doc.uri, new vscode.Range(doc.positionAt(0), doc.positionAt(text.length)), updated);
    await vscode.workspace.applyEdit(edit);
    if (!wasDirty) await doc.save();
    this.changed.fire([{ type: vscode.FileChangeType.Changed, uri }]);
  }

  async stat(uri: vscode.Uri): Promise<vscode.FileStat> {
    const bytes = await this.readFile(uri);
    return { type: vscode.FileType.File, ctime: 0, mtime: Date.now(), size: bytes.length };
  }

  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined);
  }
  readDirectory(): [string, vscode.FileType][] {
    return [];
  }
  createDirectory(): void {
    throw vscode.FileSystemError.NoPermissions('Embedded files have no folders.');
  }
  delete(): void {
    throw vscode.FileSystemError.NoPermissions('Remove the entry from the Ignition config instead.');
  }
  rename(): void {
    throw vscode.FileSystemError.NoPermissions('Change the path in the Ignition config instead.');
  }
}

/** `pxeWorkbench.ignition.openDecoded`: open the data: URL at `jsonPath` of config `uri` as an editable document. */
export async function openDecoded(
  files: DecodedFiles,
  uri: string,
  jsonPath: (string | number)[],
): Promise<vscode.TextEditor> {
  const config = vscode.Uri.parse(uri);
  const doc = await vscode.workspace.openTextDocument(config);
  // Name the view after the file it becomes (storage.files[n].path), so it gets the right language.
  const fileIndex = jsonPath[0] === 'storage' && jsonPath[1] === 'files' ? jsonPath[2] : undefined;
  const name = typeof fileIndex === 'number' ? pathOfFile(doc.getText(), fileIndex) : undefined;
  return vscode.window.showTextDocument(files.uriFor(config, jsonPath, name ?? 'contents.txt'));
}

function pathOfFile(text: string, index: number): string | undefined {
  // A config that does not parse (or nests too deep): fall back to a neutral name.
  const tree = parseTreeCapped(text);
  const node = tree.ok && tree.root ? findNodeAtLocation(tree.root, ['storage', 'files', index, 'path']) : undefined;
  return node?.type === 'string' ? String(node.value) : undefined;
}

/** `pxeWorkbench.ignition.encodeFile`: pick a local file and put it into the config as a data: URL. */
export async function encodeFile(uri: string, jsonPath: (string | number)[]): Promise<boolean> {
  const picked = await vscode.window.showOpenDialog({
    title: 'Embed a file as a data: URL',
    canSelectMany: false,
    openLabel: 'Embed',
  });
  const file = picked?.[0];
  if (!file) return false;
  const bytes = Buffer.from(await vscode.workspace.fs.readFile(file));
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
  const tree = parseTreeCapped(doc.getText());
  if (!tree.ok) {
    void vscode.window.showErrorMessage(`PXE: the config cannot be read: ${tree.message}`);
    return false;
  }
  const node = tree.root && findNodeAtLocation(tree.root, jsonPath);
  if (!node || node.type !== 'string') {
    void vscode.window.showErrorMessage('PXE: the source field moved or changed; run the action again on it.');
    return false;
  }
  // Text stays readable (percent-encoded); anything else goes in as base64.
  const url = encodeDataUrl(bytes, { base64: !isText(bytes) });
  const edit = new vscode.WorkspaceEdit();
  edit.replace(
    doc.uri,
    new vscode.Range(doc.positionAt(node.offset), doc.positionAt(node.offset + node.length)),
    JSON.stringify(url),
  );
  return vscode.workspace.applyEdit(edit);
}
