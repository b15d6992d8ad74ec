/**
 * Property tests: random and mutated files never make a parser or a rule throw (a rule that throws is
 * reported as internal.ruleFailed, so its absence is checked too). A hang would fail on the test timeout;
 * speed itself is measured by `npm run bench`.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mutate } from '../../helpers/mutate';
import { lintText } from '../../../lib/engine';
import { SERVICES } from '../../../lib/engine';

const CORPUS = join('..', 'shared', 'corpus');

function samples(folder: string, extension: RegExp, extra: string[] = []): string[] {
  const dirs = [join(CORPUS, folder), 'examples/home-lab', 'examples/broken', ...extra];
  const texts: string[] = [];
  const walk = (dir: string): void => {
    // ../shared is optional for this test: the examples still seed it.
    if (!existsSync(dir)) return;
    const entries = readdirSync(dir, { withFileTypes: true });
    for (const e of entries) {
      const path = join(dir, e.name);
      if (e.isDirectory()) walk(path);
      else if (extension.test(path)) texts.push(readFileSync(path, 'utf8'));
    }
  };
  dirs.forEach(walk);
  return texts;
}

/** JSON punctuation, spliced into Ignition configs and pxe-site.json. */
const JSON_PUNCTUATION = ['{', '}', '[', ']', ',', ':'];

const LANGUAGES = [
  {
    id: 'ipxe',
    path: 'fuzz.ipxe',
    seeds: samples('ipxe', /\.ipxe$/),
    tokens: [
      '#!ipxe\n',
      '${',
      '}',
      '${net0/mac:hexhyp}',
      '||',
      '&&',
      ';',
      ':',
      ':label',
      '\\\n',
      'kernel ',
      'initrd ',
      '--name ',
      '-n ',
      'goto ',
      'choose ',
      'item ',
      'menu ',
      'set ',
      'initrd=main ',
      'coreos.live.rootfs_url=',
      'ignition.config.url=',
      'http://',
      '"',
      '#',
      '\n',
      ' ',
      '\t',
      '\r\n',
      '\u00e9',
      '\u{1F600}',
    ],
  },
  {
    id: 'pxelinux',
    path: 'pxelinux.cfg/default',
    seeds: samples('pxelinux', /(\.cfg|default)$/),
    tokens: [
      'DEFAULT ',
      'LABEL ',
      'MENU ',
      'TEXT HELP\n',
      'ENDTEXT\n',
      'KERNEL ',
      'APPEND ',
      'UI menu.c32\n',
      'INCLUDE ',
      '#',
      '\n',
      ' ',
      '\t',
      'fcos',
      '\r\n',
    ],
  },
  {
    id: 'grub',
    path: 'grub/grub.cfg',
    seeds: samples('grub', /[\\/]grub[^\\/]*$|\.cfg$/, ['test/corpus/realworld/grub']),
    tokens: [
      "menuentry 'x' --id x {\n",
      '}',
      '{',
      'if [ -e $prefix/a ]; then\n',
      'elif ',
      'else\n',
      'fi\n',
      'for f in a b; do ',
      'done',
      'function f {\n',
      'set default=',
      'set timeout=',
      'linux (tftp)/vmlinuz ',
      'initrd ',
      '${net_default_server}',
      '$',
      '"',
      "'",
      '\\',
      '\\\n',
      '{{ x }}',
      '&&',
      ';',
      '#',
      '\n',
      ' ',
    ],
  },
  {
    id: 'routeros',
    path: 'fuzz.rsc',
    seeds: samples('routeros', /\.rsc$/),
    tokens: [
      '/ip dhcp-server option\n',
      'add ',
      'set ',
      '[',
      ']',
      '{',
      '}',
      '(',
      ')',
      '"',
      "'",
      '\\',
      '\\\n',
      '$x',
      ':local ',
      '#',
      ';',
      '=',
      '\n',
      ' ',
    ],
  },
  {
    id: 'ignition',
    path: 'fuzz.ign',
    seeds: samples('ignition', /\.ign$/),
    tokens: [
      ...JSON_PUNCTUATION,
      '"ignition"',
      '"version"',
      '"3.4.0"',
      '"2.1.0"',
      'null',
      'true',
      '1e999',
      '"\\u00"',
      '//',
      '\n',
      ' ',
    ],
  },
  {
    id: 'site',
    path: 'pxe-site.json',
    seeds: samples('none', /pxe-site\.json$/),
    tokens: [
      ...JSON_PUNCTUATION,
      '"version"',
      '1',
      '"name"',
      '"network"',
      '"password"',
      '"192.168.255.300"',
      'null',
      '\n',
    ],
  },
] as const;

function assertSafe(path: string, text: string): void {
  let result: ReturnType<typeof lintText> | undefined;
  expect(() => (result = lintText(path, text))).not.toThrow();
  expect(result?.findings.filter((f) => f.ruleId === 'internal.ruleFailed').map((f) => f.message) ?? []).toEqual([]);
  for (const f of result?.findings ?? []) {
    expect(f.start, f.ruleId).toBeGreaterThanOrEqual(0);
    expect(f.end, f.ruleId).toBeLessThanOrEqual(text.length);
    expect(f.start, f.ruleId).toBeLessThanOrEqual(f.end);
  }
}

describe('fuzz: parsers and rules never throw', () => {
  for (const language of LANGUAGES) {
    it(`${language.id}: token soup`, () => {
      expect(SERVICES.has(language.id)).toBe(true);
      fc.assert(
        fc.property(
          fc.array(fc.oneof(fc.constantFrom(...language.tokens), fc.string({ maxLength: 8 })), { maxLength: 120 }),
          (parts) => {
            assertSafe(language.path, parts.join(''));
          },
        ),
        { numRuns: 400, seed: 42 },
      );
    });

    it(`${language.id}: mutated real files`, () => {
      expect(language.seeds.length).toBeGreaterThan(0);
      const edit = fc.record({
        at: fc.nat(),
        remove: fc.nat({ max: 40 }),
        insert: fc.oneof(fc.constantFrom(...language.tokens), fc.string({ maxLength: 12 })),
      });
      fc.assert(
        fc.property(
          fc.constantFrom(...language.seeds),
          fc.array(edit, { minLength: 1, maxLength: 8 }),
          (seed, edits) => {
            assertSafe(language.path, mutate(seed, edits));
          },
        ),
        { numRuns: 300, seed: 7 },
      );
    });
  }
});
