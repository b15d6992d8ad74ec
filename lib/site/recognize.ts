import type { FileRecognizer } from '../core/language';

export const SITE_FILE_NAME = 'pxe-site.json';

/** pxe-site.json, whatever language id the editor gives it (VS Code says json). */
export const siteFiles: FileRecognizer = {
  byName: (name) => name === SITE_FILE_NAME,
  nameOverridesEditor: true,
};
