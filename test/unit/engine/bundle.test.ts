/** A library file that ships beside the bundle (out/yaml.js, out/ajv.js): when it is missing, the message says why. */
import { describe, expect, it } from 'vitest';
import { partOfTheBundle } from '../../../lib/core/bundle';

describe('partOfTheBundle', () => {
  it('loads what is there, and names a missing part and the fix', () => {
    expect(partOfTheBundle('yaml', () => 42)).toBe(42);
    const missing = () => {
      throw Object.assign(new Error("Cannot find module './yaml.js'"), { code: 'MODULE_NOT_FOUND' });
    };
    expect(() => partOfTheBundle('yaml', missing)).toThrow(
      'PXE Workbench is missing yaml.js, a part of its bundle: reinstall the extension (or run `npm run build`).',
    );
    const other = () => {
      throw new TypeError('boom');
    };
    expect(() => partOfTheBundle('yaml', other)).toThrow('boom');
  });
});
