import type { FileRecognizer } from '../../core/language';

/** True when the text starts with the iPXE script magic (`#!ipxe`, legacy `#!gpxe`). */
export function hasIpxeMagic(head: string): boolean {
  return /^(?:\uFEFF)?#!(?:ipxe|gpxe)(?:\s|$)/.test(head);
}

/** `*.ipxe`, or any file that starts with the script magic. */
export const ipxeFiles: FileRecognizer = {
  byName: (name) => name.endsWith('.ipxe'),
  byContent: (text) => hasIpxeMagic(text),
};
