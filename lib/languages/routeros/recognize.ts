import type { FileRecognizer } from '../../core/language';

/** `*.rsc` (RouterOS exports and scripts have no magic of their own). */
export const routerosFiles: FileRecognizer = {
  byName: (name) => name.endsWith('.rsc'),
};
