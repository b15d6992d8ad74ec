/**
 * lib/secureboot reads only lib/core and lib/data (docs/architecture.md): checked on its imports.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';

it('imports nothing of ours but lib/core and lib/data', () => {
  const dir = 'lib/secureboot';
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
    const text = readFileSync(join(dir, file), 'utf8');
    const outside = [...text.matchAll(/from '(\.\.\/[^']*)'/g)].map((m) => m[1]!);
    expect(
      outside.filter((p) => p !== '../core' && !p.startsWith('../data/')),
      file,
    ).toEqual([]);
  }
});
