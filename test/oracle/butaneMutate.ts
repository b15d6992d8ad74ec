/**
 * Mistakes people make in Butane configs, each a change to a generated valid config (or to its YAML text):
 * unknown keys and typos, wrong types, quoted numbers, decimal modes, fields of a newer version, two content
 * sources, missing or escaping local files, no files dir, duplicate nodes and keys, bad names and paths, YAML
 * syntax, bad variant/version, nulls, unsupported fields, sugar mistakes.
 */
import { newerFields } from './butaneFields';
import type { Build, YamlMap } from './butaneBuild';
import { DUPLICATE, Raw, type YamlValue } from './butaneYaml';

export interface Mutated {
  tag: string;
  /** Run without a files dir. */
  noFilesDir?: boolean;
  /** A change of the YAML text (after writing it). */
  text?: (yaml: string) => string;
}

type Mutation = [tag: string, apply: (b: Build, config: YamlMap) => Omit<Mutated, 'tag'> | void];

interface MapAt {
  /** The schema path of the mapping (keys only, no list indexes). */
  path: string;
  map: YamlMap;
}

function isMap(value: YamlValue): value is YamlMap {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Raw);
}

function mapsOf(value: YamlValue, path: string, out: MapAt[] = []): MapAt[] {
  if (Array.isArray(value)) for (const v of value) mapsOf(v, path, out);
  else if (isMap(value)) {
    out.push({ path, map: value });
    for (const [k, v] of Object.entries(value)) mapsOf(v, path ? `${path}.${k}` : k, out);
  }
  return out;
}

/** Every (map, key) whose field has one of the types. */
function keysOfType(b: Build, config: YamlMap, test: (type: string) => boolean): [MapAt, string][] {
  const found: [MapAt, string][] = [];
  for (const at of mapsOf(config, ''))
    for (const key of Object.keys(at.map)) {
      const field = b.fields.get(at.path ? `${at.path}.${key}` : key);
      if (field && test(field.type)) found.push([at, key]);
    }
  return found;
}

function list(config: YamlMap, section: string, key: string): YamlMap[] {
  // An earlier mutation may have made the section or the list something else: start them afresh then.
  if (!isMap(config[section] ?? null)) config[section] = {};
  const parent = config[section] as YamlMap;
  if (!Array.isArray(parent[key])) parent[key] = [];
  return parent[key] as YamlMap[];
}

/** A new file entry (in a section the spec has). */
function addFile(b: Build, config: YamlMap, extra: YamlMap = {}): YamlMap {
  const entry: YamlMap = { path: b.absPath(), ...extra };
  list(config, 'storage', 'files').push(entry);
  return entry;
}

function typo(key: string, b: Build): string {
  const i = b.int(0, key.length - 1);
  return b.pick(
    key.slice(0, i) + key.slice(i + 1),
    key.slice(0, i) + key[i]! + key.slice(i),
    key.replace(/_/g, '-'),
    key.replace(/_(.)/g, (_, c: string) => c.toUpperCase()),
    `${key}s`,
  );
}

const MODE_OR_INT = (type: string): boolean => type === 'integer';

export const MUTATIONS: Mutation[] = [
  [
    'unknownKey',
    (b, c) => {
      const at = b.pick(...mapsOf(c, ''));
      at.map[b.pick('bogus', 'extra_field', 'comment', 'Name')] = b.pick<YamlValue>(1, 'x', true, { a: 1 });
    },
  ],
  [
    'typoKey',
    (b, c) => {
      const pairs = keysOfType(b, c, () => true).filter(([, k]) => k !== 'variant' && k !== 'version');
      if (!pairs.length) return void (c[typo('storage', b)] = {});
      const [at, key] = b.pick(...pairs);
      const value = at.map[key]!;
      delete at.map[key];
      at.map[typo(key, b)] = value;
    },
  ],
  [
    'wrongType',
    (b, c) => {
      const pairs = keysOfType(b, c, () => true).filter(([, k]) => k !== 'variant' && k !== 'version');
      if (!pairs.length) return void (c.storage = b.pick<YamlValue>('none', 5, ['a']));
      const [at, key] = b.pick(...pairs);
      const type = b.fields.get(at.path ? `${at.path}.${key}` : key)!.type;
      if (type === 'string') at.map[key] = b.pick<YamlValue>({ a: 1 }, ['x'], new Raw('[]'));
      else if (type === 'integer') at.map[key] = b.pick<YamlValue>('abc', new Raw('1.5'), new Raw('0x'), true, ['1']);
      else if (type === 'boolean') at.map[key] = b.pick<YamlValue>('maybe', 1, new Raw('2'), ['true']);
      else at.map[key] = b.pick<YamlValue>('text', 7, true);
    },
  ],
  [
    'quotedNumber',
    (b, c) => {
      const pairs = keysOfType(b, c, MODE_OR_INT);
      const text = new Raw(b.pick('"420"', "'0644'", '"1000"'));
      if (pairs.length) {
        const [at, key] = b.pick(...pairs);
        at.map[key] = text;
      } else addFile(b, c, { mode: text });
    },
  ],
  [
    'decimalMode',
    (b, c) => {
      const directory = b.chance(40);
      const mode = new Raw(directory ? b.pick('755', '750', '700') : b.pick('644', '600', '640', '755', '0644'));
      if (directory) list(c, 'storage', 'directories').push({ path: b.absPath(), mode });
      else addFile(b, c, { mode });
    },
  ],
  [
    'newerField',
    (b, c) => {
      const newer = newerFields(b.spec);
      if (!newer.length) return void (c.bogus_section = {});
      const path = b.pick(...newer).split('.');
      const key = path.pop()!;
      const parents = mapsOf(c, '').filter((at) => at.path === path.join('.'));
      const target = parents.length
        ? b.pick(...parents).map
        : path.reduce<YamlMap>((m, k) => (isMap(m[k] ?? null) ? m[k] : (m[k] = {})) as YamlMap, c);
      target[key] = b.pick<YamlValue>('x', 1, true, ['a'], {});
    },
  ],
  [
    'tooManySources',
    (b, c) => {
      if (b.chance(30) && b.has('systemd.units.contents_local'))
        return void list(c, 'systemd', 'units').push({
          name: `${b.unique('u')}.service`,
          contents: '[Unit]\n',
          contents_local: b.local('[Unit]\n'),
        });
      const contents: YamlMap = { inline: 'a' };
      if (b.chance(50) && b.has('storage.files.contents.local')) contents.local = b.local();
      else contents.source = 'data:,b';
      addFile(b, c, { contents });
    },
  ],
  [
    'missingLocal',
    (b, c) => void addFile(b, c, { contents: { local: b.pick('missing.txt', 'sub/none', 'a/../gone') } }),
  ],
  [
    'escape',
    (b, c) => {
      b.files.push({ path: 'outside/secret.txt', data: 'secret\n' });
      addFile(b, c, {
        contents: { local: b.pick('../outside/secret.txt', 'sub/../../outside/secret.txt', '/etc/hostname') },
      });
    },
  ],
  [
    'noFilesDir',
    (b, c) => {
      addFile(b, c, { contents: { local: b.local('x\n') } });
      return { noFilesDir: true };
    },
  ],
  [
    'duplicateNode',
    (b, c) => {
      const files = list(c, 'storage', 'files');
      const path = files[0]?.path ?? addFile(b, c).path;
      if (b.chance(50)) files.push({ path: path!, mode: 420 });
      else list(c, 'storage', b.pick('directories', 'links')).push({ path: path!, target: '/x' });
    },
  ],
  [
    'duplicateKey',
    (b, c) => {
      const at = b.pick(...mapsOf(c, '').filter((m) => Object.keys(m.map).length > 0));
      const key = b.pick(...Object.keys(at.map));
      at.map[key + DUPLICATE] = at.map[key]!;
    },
  ],
  [
    'badUnitName',
    (b, c) => {
      const units = list(c, 'systemd', 'units');
      if (b.chance(50)) units.push({ name: b.pick('noext', 'x.servce', 'a b.service'), contents: '[Unit]\n' });
      else
        units.push({
          name: `${b.unique('u')}.service`,
          dropins: [{ name: b.pick('noconf', 'x.cfg'), contents: '[Unit]\n' }],
        });
    },
  ],
  ['relativePath', (b, c) => void addFile(b, c, { path: b.pick('etc/motd', './x', '~/y') })],
  [
    'yamlSyntax',
    (b) => ({
      text: (yaml: string) => {
        const lines = yaml.split('\n');
        const i = b.int(1, Math.max(1, lines.length - 1));
        const bad = b.pick('\tstorage: {}', 'x: [1, 2', 'a: b: c', '  - item', '"unterminated', 'key: @at', '& :');
        lines.splice(i, 0, bad);
        return lines.join('\n');
      },
    }),
  ],
  [
    'version',
    (b, c) => {
      const choice = b.int(0, 6);
      if (choice === 0) delete c.version;
      else if (choice === 1) delete c.variant;
      else if (choice === 2) c.version = b.pick('1.9.0', '2.0.0', '1.8.0', '1.3.0-experimental');
      else if (choice === 3) c.version = b.pick('1.5', 'v1.5.0', 'latest', '');
      else if (choice === 4) c.version = new Raw(b.pick('1.5', '1'));
      else if (choice === 5) c.variant = b.pick('rhcos', 'FCOS', 'coreos', 'openshift');
      else c.variant = b.spec.variant === 'fcos' ? 'flatcar' : 'fcos';
    },
  ],
  [
    'nullValue',
    (b, c) => {
      const pairs = keysOfType(b, c, () => true).filter(([, k]) => k !== 'variant' && k !== 'version');
      if (!pairs.length) return void (c.storage = null);
      const [at, key] = b.pick(...pairs);
      at.map[key] = b.chance(70) ? null : new Raw(b.pick('', '~'));
    },
  ],
  [
    'unsupported',
    (b, c) => {
      const entry: YamlMap = { name: b.unique('crypt'), device: '/dev/vdb' };
      if (b.chance(50)) entry.clevis = { tpm2: true };
      else entry.cex = { enabled: true };
      list(c, 'storage', 'luks').push(entry);
    },
  ],
  [
    'localIsDirectory',
    (b, c) => {
      b.files.push({ path: 'files/adir', dir: true });
      addFile(b, c, { contents: { local: b.pick('adir', '.', 'adir/') } });
    },
  ],
  [
    'bootDevice',
    (b, c) => {
      c.boot_device = b.pick<YamlMap>(
        { layout: 'x86_64', mirror: { devices: ['/dev/sda'] } },
        { layout: b.pick('arm', 's390x', 'X86_64'), luks: { tpm2: true } },
        { luks: { threshold: 2, tpm2: true } },
        { luks: {} },
        { mirror: { devices: ['/dev/sda', '/dev/sdb'] } },
        { layout: 's390x-eckd', luks: { tpm2: true } },
        { layout: 's390x-zfcp', luks: { device: '/dev/vda', tpm2: true } },
        { layout: 'x86_64', luks: { tpm2: true, cex: { enabled: true } } },
      );
    },
  ],
  [
    'templateInstance',
    (b, c) =>
      void list(c, 'systemd', 'units').push({
        name: `${b.unique('t')}@inst.service`,
        contents: '[Unit]\n',
        enabled: true,
      }),
  ],
  [
    'mountUnit',
    (b, c) =>
      void list(c, 'storage', 'filesystems').push(
        b.pick<YamlMap>(
          { device: '/dev/vdb', format: 'ext4', with_mount_unit: true },
          { device: '/dev/vdb', path: '/var/x', with_mount_unit: true },
          { device: '/dev/vdb', format: 'xfs', path: '/srv/x', with_mount_unit: true },
          { device: '/dev/vdb', format: 'none', path: '/var/x', with_mount_unit: true },
        ),
      ),
  ],
  [
    'modeTooBig',
    (b, c) => {
      const mode = b.pick<YamlValue>(
        new Raw('017777'),
        99999,
        -1,
        new Raw('0o10000'),
        new Raw('04755'),
        new Raw('01777'),
      );
      addFile(b, c, { mode });
    },
  ],
  [
    'multiDocument',
    (b) => ({
      text: (yaml: string) => yaml + b.pick('---\nvariant: fcos\nversion: 9.9.9\n', '---\n', '...\n---\n{}\n'),
    }),
  ],
  [
    'partition',
    (b, c) =>
      void list(c, 'storage', 'disks').push(
        b.pick<YamlMap>(
          { device: '/dev/vdb', partitions: [{ label: 'data', size_mib: 100 }] },
          { device: '/dev/disk/by-id/coreos-boot-disk', partitions: [{ label: 'root', number: 3, size_mib: 4096 }] },
          {
            device: '/dev/disk/by-id/coreos-boot-disk',
            partitions: [
              { label: 'root', number: 4, size_mib: 0 },
              { label: 'x', size_mib: 0 },
            ],
          },
          { device: '/dev/vdb', partitions: [{ number: 1, should_exist: false, label: 'x' }] },
          { device: '/dev/vdb', partitions: [{ number: 1 }, { number: 1 }] },
        ),
      ),
  ],
  [
    'treeConflict',
    (b, c) => {
      b.files.push({ path: 'files/tc/a.conf', data: 'a\n' });
      list(c, 'storage', 'trees').push({ local: b.pick('tc', 'nope', 'tc/a.conf'), path: '/etc/tc' });
      addFile(
        b,
        c,
        b.pick<YamlMap>({ path: '/etc/tc/a.conf', contents: { inline: 'b' } }, { path: '/etc/tc/a.conf', mode: 0o600 }),
      );
    },
  ],
  [
    'emptyValues',
    (b, c) =>
      void addFile(
        b,
        c,
        b.pick<YamlMap>({ path: '' }, { contents: {} }, { contents: { inline: '' }, mode: 0 }, { append: [] }),
      ),
  ],
  [
    'unitContents',
    (b, c) =>
      void list(c, 'systemd', 'units').push({
        name: `${b.unique('w')}.service`,
        enabled: true,
        contents: b.pick('[Unit]\nDescription=no install\n', '[Unit\nbroken\n', 'Description=no section\n', ''),
      }),
  ],
];

/** Applies mutation `index` to the config (in place). */
export function mutate(b: Build, config: YamlMap, index: number): Mutated {
  const [tag, apply] = MUTATIONS[index]!;
  return { tag, ...(apply(b, config) ?? {}) };
}
