/** `pxe-workbench ignition validate|decode|encode`: Ignition configs and the data: URLs inside them. */
import { resolve } from 'node:path';
import { findNodeAtOffset } from 'jsonc-parser';
import { parseTreeCapped } from '../../lib/json';
import { EmbeddedError, encodeDataUrl, isText, pathsOf, readEmbedded } from '../../lib/languages';
import { positionsOf } from '../../lib/core';
import { InputError, lintText } from '../../lib/engine';
import { EXIT } from './exit';
import { readInput, readInputText } from './input';

/** ignition-validate's message form: `error at $.storage.files.0.path, line 6 col 17: message`. */
export async function ignitionValidateCommand(file: string): Promise<number> {
  const text = await readInputText(file);
  const result = lintText(resolve(file), text, { languageId: 'ignition' });
  const positions = positionsOf(text);
  let errors = 0;
  const tree = parseTreeCapped(text);
  const root = tree.ok ? tree.root : undefined;
  for (const f of result.findings) {
    if (f.severity === 'hint') continue;
    if (f.severity === 'error') errors++;
    const at = positions.positionAt(f.start);
    const node = root && findNodeAtOffset(root, f.start, true);
    const where = node
      ? `$${pathsOf(node)
          .jsonPath.map((p) => `.${p}`)
          .join('')}`
      : '$';
    process.stdout.write(
      `${f.severity === 'error' ? 'error' : 'warning'} at ${where}, line ${at.line + 1} col ${at.character + 1}: ${f.message}\n`,
    );
  }
  return errors ? EXIT.errors : EXIT.ok;
}

/** The contents of the data: URL at `path` (dotted, numbers for array items), decompressed when gzip. */
export async function ignitionDecodeCommand(file: string, path: string): Promise<void> {
  const text = await readInputText(file);
  const jsonPath = path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  try {
    process.stdout.write(readEmbedded(text, jsonPath).bytes);
  } catch (error) {
    // Too deep, broken, corrupt or inflating past the cap: said, exit 2, nothing written.
    if (error instanceof EmbeddedError) throw new InputError(`${file}: ${error.message}`);
    throw error;
  }
}

export async function ignitionEncodeCommand(file: string, options: { base64?: boolean }): Promise<void> {
  const bytes = await readInput(file);
  process.stdout.write(`${encodeDataUrl(bytes, { base64: options.base64 === true || !isText(bytes) })}\n`);
}
