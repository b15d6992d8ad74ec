/**
 * The `yaml` library, evaluated on first use: it is a quarter of the language server's code and only Butane
 * needs it, so a server that never opens a Butane config never runs it (#24). The names here stand for the
 * library's own; import them from this file, never from 'yaml' (types excepted).
 */
import type * as Yaml from 'yaml';
import { partOfTheBundle } from '../../core/bundle';

let loaded: typeof Yaml | undefined;

function yaml(): typeof Yaml {
  // A require inside a function, evaluated here; the bundles in out/ load it from out/yaml.js beside them.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (loaded ??= partOfTheBundle('yaml', () => require('yaml') as typeof Yaml));
}

export const isAlias = ((node) => yaml().isAlias(node)) as typeof Yaml.isAlias;
export const isMap = ((node) => yaml().isMap(node)) as typeof Yaml.isMap;
export const isPair = ((node) => yaml().isPair(node)) as typeof Yaml.isPair;
export const isScalar = ((node) => yaml().isScalar(node)) as typeof Yaml.isScalar;
export const isSeq = ((node) => yaml().isSeq(node)) as typeof Yaml.isSeq;
export const parseAllDocuments = ((source, options) =>
  yaml().parseAllDocuments(source, options)) as typeof Yaml.parseAllDocuments;
export const visit = ((node, visitor) => yaml().visit(node, visitor)) as typeof Yaml.visit;
/** A new line counter (the class, constructed from the loaded library). */
export const newLineCounter = (): Yaml.LineCounter => new (yaml().LineCounter)();
/** The plain scalar style (`Scalar.PLAIN`). */
export const plainScalar = (): Yaml.Scalar.Type => yaml().Scalar.PLAIN;
