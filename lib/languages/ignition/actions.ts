import type { ActionInfo } from '../../core/language';
import type { IgnitionConfig } from './ast';
import { DataUrlError, DataUrlTooLargeError, decodeDataUrl, encodeDataUrl } from './dataUrl';
import { nodeAt, pathsOf } from './pathAt';

/** On a data: URL: open it decoded in an editable view, or switch between percent-encoding and base64. */
export function actionsIgnition(config: IgnitionConfig, _text: string, start: number): ActionInfo[] {
  const at = nodeAt(config.root, start);
  if (!at || at.isKey || at.node.type !== 'string') return [];
  const node = at.node;
  const { jsonPath, specPath } = pathsOf(node);
  const encode: ActionInfo[] = specPath.endsWith('.source')
    ? [
        {
          title: 'Encode file… (embed a local file as a data: URL)',
          kind: 'refactor',
          command: { id: 'pxeWorkbench.ignition.encodeFile', arguments: [jsonPath] },
        },
      ]
    : [];
  if (!String(node.value).startsWith('data:')) return encode;
  let decoded;
  try {
    decoded = decodeDataUrl(String(node.value));
  } catch (error) {
    // Broken: reported by ignition.invalidSource; too large: decoding it on every request would stall.
    if (error instanceof DataUrlError || error instanceof DataUrlTooLargeError) return [];
    throw error;
  }
  const range = { start: node.offset, end: node.offset + node.length };
  const converted = encodeDataUrl(decoded.bytes, { base64: !decoded.base64, mediaType: decoded.mediaType });
  return [
    {
      title: 'Decode to an editable view',
      kind: 'refactor',
      command: { id: 'pxeWorkbench.ignition.openDecoded', arguments: [jsonPath] },
    },
    {
      title: decoded.base64 ? 'Convert data: URL to percent-encoding' : 'Convert data: URL to base64',
      kind: 'refactor',
      edits: [{ ...range, newText: JSON.stringify(converted) }],
    },
    ...encode,
  ];
}
