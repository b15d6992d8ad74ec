/**
 * The languages' face for the rest of the library and the apps. Every folder here has the same shape:
 * index.ts (the service, made with defineLanguage), parser.ts, ast.ts, catalog.ts (the only reader of its
 * lib/data/*.json), rules/ (one rule per file, named after it; shared.ts for what several rules share),
 * complete.ts, hover.ts, symbols.ts, recognize.ts (which files are its own: by name, folder or content), and
 * navigate.ts, actions.ts, format.ts where it has those features. A new language adds such a folder and one
 * line to LANGUAGES (engine/registry.ts): its id, title, files, rules and features come from its service.
 * test/unit/engine/contract.test.ts holds every folder to this shape.
 */
export { encodeDataUrl, isText } from './ignition/dataUrl';
export { EmbeddedError, readEmbedded, writeEmbedded } from './ignition/embedded';
export { pathsOf } from './ignition/pathAt';
export { parseRouterOs } from './routeros';
export { formatRouterOs } from './routeros/format';
export { treeFromInspect, useTree, TreeError } from './routeros/catalog';
export { LookupError, normalizeMac, hexIp } from './pxelinux/lookup';
export { explainLookup, formatLookup } from './pxelinux/lookupFiles';
export {
  explainGrubLookup,
  formatGrubLookup,
  grubImagesIn,
  grubTftpRootOf,
  IMAGE_READ_CAP,
  readGrubImage,
  type GrubImage,
  type GrubLookup,
} from './grub';
export { schemaFor, SPEC_ORDER } from './ignition/catalog';
export { validatorKey } from './ignition/validatorKey';
export { reportLine, translateText, type TranslatedText } from './butane';
