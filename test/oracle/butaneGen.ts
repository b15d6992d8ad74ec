/**
 * fast-check arbitraries of Butane configs for the differential test against the `butane` binary: every
 * variant/version with its fields (from Butane's spec docs, see butaneFields.ts), valid configs and configs
 * with one or two mistakes (butaneMutate.ts), written as YAML in varied styles (butaneYaml.ts), with the local
 * files they reference.
 */
import fc from 'fast-check';
import { Build, resource, type ButaneCase, type YamlMap } from './butaneBuild';
import { SPECS, ignitionVersion, type FieldTable } from './butaneFields';
import { mutate, MUTATIONS } from './butaneMutate';
import { Raw, toYaml, type YamlStyle, type YamlValue } from './butaneYaml';

export type { ButaneCase, LocalFile, YamlMap } from './butaneBuild';

function ignitionConfig(b: Build): YamlMap {
  const config = (): string => `{"ignition":{"version":"${ignitionVersion(b.spec)}"}}`;
  const out: YamlMap = {};
  if (b.chance(40))
    out.config = b.chance(70)
      ? { merge: b.some(2, () => resource(b, 'ignition.config.merge', config)) }
      : { replace: resource(b, 'ignition.config.replace', config) };
  if (b.chance(25)) out.timeouts = { http_response_headers: b.int(0, 60), http_total: b.int(0, 600) };
  if (b.chance(25)) {
    const pem = (): string => `-----BEGIN CERTIFICATE-----\nMIIB${b.unique('c')}\n-----END CERTIFICATE-----\n`;
    out.security = {
      tls: {
        certificate_authorities: b.some(2, () => resource(b, 'ignition.security.tls.certificate_authorities', pem)),
      },
    };
  }
  if (b.chance(25))
    out.proxy = {
      http_proxy: 'http://proxy.example.com:3128',
      https_proxy: 'https://proxy.example.com',
      no_proxy: ['10.0.0.0/8', '.local'],
    };
  return out;
}

function file(b: Build): YamlMap {
  const out: YamlMap = { path: b.absPath() };
  if (b.chance(70)) out.contents = resource(b, 'storage.files.contents', () => b.text());
  if (b.chance(60)) out.mode = b.mode(false);
  if (b.chance(20)) out.user = b.owner();
  if (b.chance(20)) out.group = b.owner();
  if (out.contents && b.chance(30)) out.overwrite = b.bool();
  if (b.chance(15)) out.append = b.some(2, () => resource(b, 'storage.files.append', () => b.text()));
  return out;
}

function directory(b: Build): YamlMap {
  const out: YamlMap = { path: b.absPath() };
  if (b.chance(60)) out.mode = b.mode(true);
  if (b.chance(20)) out.user = b.owner();
  if (b.chance(20)) out.overwrite = b.bool();
  return out;
}

function link(b: Build): YamlMap {
  const hard = b.chance(20);
  const out: YamlMap = { path: b.absPath(), target: hard || b.chance(50) ? b.absPath() : `../${b.word()}` };
  if (hard) out.hard = true;
  if (b.chance(20)) out.user = b.owner();
  if (b.chance(20)) out.overwrite = b.bool();
  return out;
}

function tree(b: Build): YamlMap {
  const root = `files/${b.unique('tree')}`;
  b.files.push({ path: root, dir: true });
  for (const name of b.some(3, () => b.unique('t')))
    b.files.push({ path: `${root}/${b.pick('', 'd/')}${name}`, data: b.text(), mode: b.pick(0o644, 0o755, 0o600) });
  if (b.chance(20)) b.files.push({ path: `${root}/${b.unique('ln')}`, symlink: 'target/elsewhere' });
  const out: YamlMap = { local: root.slice('files/'.length), path: `/opt/${b.unique('tree')}` };
  if (b.chance(30)) out.file_mode = b.mode(false);
  if (b.chance(30)) out.dir_mode = b.mode(true);
  if (b.chance(20)) out.user = b.owner();
  if (b.chance(20)) out.group = b.owner();
  return out;
}

function filesystem(b: Build): YamlMap {
  const format = b.pick('ext4', 'xfs', 'vfat', 'btrfs', 'swap');
  const out: YamlMap = { device: `/dev/disk/by-partlabel/${b.unique('p')}`, format };
  if (format !== 'swap') out.path = `/var/${b.unique('m')}`;
  if (b.chance(40)) out.label = b.unique('L');
  if (b.chance(30)) out.wipe_filesystem = b.bool();
  if (b.chance(20)) out.options = ['-m', '0'];
  if (b.chance(20) && format !== 'swap') out.mount_options = ['noatime'];
  if (b.chance(20)) out.uuid = '0f3b7d2c-5a6e-4f1d-9c2b-8e4a6d1f0b3c';
  // fcos 1.1.0–1.3.0 generate mount units only (a swap area there needs a path, which Butane then refuses).
  const oldFcos = b.spec.variant === 'fcos' && /^1\.[0-3]\./.test(b.spec.version);
  if (b.chance(50) && !(format === 'swap' && oldFcos)) out.with_mount_unit = true;
  return out;
}

function disk(b: Build, device: string): YamlMap {
  const numbers = b.some(3, (i) => i + 1);
  const partitions = numbers.map((number): YamlMap => {
    const p: YamlMap = { number, label: b.unique('part') };
    if (b.chance(60)) p.size_mib = b.pick(0, 512, 1024, 10240);
    if (b.chance(30)) p.start_mib = b.pick(0, 2048);
    if (b.chance(20))
      p.type_guid = b.pick('0FC63DAF-8483-4772-8E79-3D69D8477DE4', 'C12A7328-F81F-11D2-BA4B-00A0C93EC93B');
    if (b.chance(15)) p.wipe_partition_entry = b.bool();
    if (b.chance(10)) p.resize = b.bool();
    return p;
  });
  const out: YamlMap = { device };
  if (b.chance(50)) out.wipe_table = b.bool();
  if (partitions.length) out.partitions = partitions;
  return out;
}

function raid(b: Build): YamlMap {
  const level = b.pick('raid0', 'raid1', 'raid5', 'raid6', 'raid10', 'linear');
  const count = level === 'raid6' || level === 'raid10' ? 4 : level === 'raid5' ? 3 : 2;
  const out: YamlMap = {
    name: b.unique('md'),
    level,
    devices: Array.from({ length: count }, () => `/dev/disk/by-id/${b.unique('d')}`),
  };
  if (b.chance(20) && level !== 'raid0' && level !== 'linear') out.spares = b.int(0, 1);
  if (b.chance(15)) out.options = ['--metadata=1.2'];
  return out;
}

function clevis(b: Build): YamlMap {
  if (b.chance(15)) return { custom: { pin: 'tpm2', config: '{"pcr_ids":"7"}', needs_network: false } };
  const out: YamlMap = {};
  if (b.chance(60)) out.tpm2 = true;
  if (!out.tpm2 || b.chance(40)) out.tang = b.some(2, () => tang(b));
  if (!out.tpm2 && (out.tang as YamlMap[]).length === 0) out.tpm2 = true;
  if (b.chance(20)) out.threshold = 1;
  return out;
}

function tang(b: Build): YamlMap {
  const out: YamlMap = {
    url: `http://tang.example.com/${b.unique('t')}`,
    thumbprint: 'REPLACE-THIS-WITH-YOUR-TANG-THUMBPRINT',
  };
  if (b.chance(20))
    out.advertisement = '{"payload": "eyJrZXlzIjogW119", "protected": "eyJhbGciOiJFUzUxMiJ9", "signature": "AA"}';
  return out;
}

function luks(b: Build): YamlMap {
  const out: YamlMap = { name: b.unique('crypt'), device: `/dev/disk/by-partlabel/${b.unique('lp')}` };
  if (b.chance(30)) out.key_file = resource(b, 'storage.luks.key_file', () => `secret-${b.word()}`);
  if (b.chance(40) && b.spec.variant === 'fcos' && !out.key_file) out.clevis = clevis(b);
  if (b.chance(20)) out.label = b.unique('lk');
  if (b.chance(20)) out.wipe_volume = b.bool();
  if (b.chance(20)) out.discard = b.bool();
  if (b.chance(15)) out.open_options = ['--perf-no_read_workqueue'];
  if (b.chance(15)) out.options = ['--cipher', 'aes-xts-plain64'];
  return out;
}

function storage(b: Build): YamlMap {
  const out: YamlMap = {};
  if (b.chance(70)) out.files = b.some(4, () => file(b));
  if (b.chance(30)) out.directories = b.some(3, () => directory(b));
  if (b.chance(25)) out.links = b.some(3, () => link(b));
  if (b.chance(15)) out.trees = b.some(2, () => tree(b));
  if (b.chance(20)) out.filesystems = b.some(2, () => filesystem(b));
  if (b.chance(20)) out.disks = b.some(2, () => disk(b, `/dev/${b.unique('vd')}`));
  if (b.chance(10)) out.raid = b.some(2, () => raid(b));
  if (b.chance(15)) out.luks = b.some(2, () => luks(b));
  return out;
}

function unitContents(b: Build, install: boolean): string {
  const unit = `[Unit]\nDescription=${b.word()} unit\n`;
  const service = b.chance(60) ? '[Service]\nType=oneshot\nExecStart=/usr/bin/true\n' : '';
  return unit + service + (install ? '[Install]\nWantedBy=multi-user.target\n' : '');
}

function dropin(b: Build, base: string): YamlMap {
  const contents = `[Service]\nEnvironment=${b.word().toUpperCase()}=1\n`;
  const out: YamlMap = { name: `${b.unique('d')}.conf` };
  if (b.has(`${base}.contents_local`) && b.chance(30)) out.contents_local = b.local(contents);
  else if (b.chance(80)) out.contents = contents;
  return out;
}

function unit(b: Build): YamlMap {
  const template = b.chance(15);
  const type = b.pick('service', 'timer', 'socket', 'target', 'path');
  const name = b.unique(b.word());
  const out: YamlMap = { name: template ? `${name}@${b.pick('', 'inst')}.${type}` : `${name}.${type}` };
  const install = b.chance(70);
  if (template && (out.name as string).includes('@.')) out.contents = unitContents(b, install);
  else if (!template && b.chance(75)) {
    if (b.has('systemd.units.contents_local') && b.chance(25)) out.contents_local = b.local(unitContents(b, install));
    else out.contents = unitContents(b, install);
  }
  if (b.chance(50)) out.enabled = install || !out.contents ? b.bool() : false;
  if (b.chance(10)) out.mask = b.bool();
  if (b.chance(25)) out.dropins = b.some(2, () => dropin(b, 'systemd.units.dropins'));
  return out;
}

function quadlet(b: Build): YamlMap {
  const type = b.pick('container', 'volume', 'network', 'kube', 'image', 'build', 'pod', 'artifact');
  const out: YamlMap = { name: `${b.unique(b.word())}.${type}`, rootful: b.chance(50) };
  const contents = `[${type[0]!.toUpperCase()}${type.slice(1)}]\n# generated\n`;
  if (b.chance(30)) out.contents_local = b.local(contents);
  else if (b.chance(85)) out.contents = contents;
  if (b.chance(20)) out.dropins = b.some(2, () => dropin(b, 'systemd.quadlets.dropins'));
  return out;
}

function user(b: Build, name: string): YamlMap {
  const out: YamlMap = { name };
  const key = (): string => `ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI${b.unique('K')} ${b.word()}@host`;
  if (b.chance(60)) out.ssh_authorized_keys = b.some(2, key);
  if (b.has('passwd.users.ssh_authorized_keys_local') && b.chance(25))
    out.ssh_authorized_keys_local = b.some(2, () => b.local(`${key()}\n${b.chance(50) ? `${key()}\n` : ''}`));
  if (b.chance(30)) out.password_hash = '$y$j9T$abc$defghijklmnopqrstuvwxyz0123456789ABCDEFGH';
  if (b.chance(20)) out.uid = b.int(1000, 60000);
  if (b.chance(15)) out.gecos = `${b.word()} user`;
  if (b.chance(15)) out.home_dir = `/var/home/${name}`;
  if (b.chance(15)) out.groups = [b.pick('wheel', 'sudo', 'docker')];
  if (b.chance(10)) out.shell = '/bin/bash';
  for (const flag of ['no_create_home', 'no_user_group', 'no_log_init', 'system'])
    if (b.chance(8)) out[flag] = b.bool();
  if (b.chance(10)) out.primary_group = b.pick('users', 'core');
  if (b.chance(5)) out.should_exist = true;
  return out;
}

function passwd(b: Build): YamlMap {
  const names = b.g(() =>
    fc.uniqueArray(fc.constantFrom('core', 'alice', 'bob', 'jo-e', 'svc_1', 'root'), { maxLength: 3 }),
  );
  const out: YamlMap = { users: names.map((n) => user(b, n)) };
  if (b.chance(30))
    out.groups = b.some(2, () => {
      const group: YamlMap = { name: b.unique('grp') };
      if (b.chance(40)) group.gid = b.int(1000, 60000);
      if (b.chance(15)) group.system = b.bool();
      if (b.chance(10)) group.should_exist = true;
      return group;
    });
  return out;
}

function bootDevice(b: Build): YamlMap {
  const layout = b.pick('x86_64', 'aarch64', 'ppc64le');
  const out: YamlMap = {};
  const mirror = b.chance(50);
  if (mirror || b.chance(30)) out.layout = layout;
  if (mirror) out.mirror = { devices: ['/dev/sda', '/dev/sdb', ...(b.chance(30) ? ['/dev/sdc'] : [])] };
  if (!mirror || b.chance(50)) {
    const l: YamlMap = {};
    if (b.chance(70)) l.tpm2 = true;
    if (!l.tpm2 || b.chance(30)) l.tang = [tang(b)];
    if (b.chance(20)) l.threshold = 1;
    if (b.chance(20)) l.discard = b.bool();
    out.luks = l;
  }
  return out;
}

function systemd(b: Build): YamlMap {
  const out: YamlMap = { units: b.some(4, () => unit(b)) };
  if (b.chance(40)) out.quadlets = b.some(2, () => quadlet(b));
  return out;
}

function kernelArguments(b: Build): YamlMap {
  const pool = fc.constantFrom('quiet', 'console=ttyS0', 'mitigations=auto,nosmt', 'foo=bar baz', 'rd.luks=0');
  const args = b.g(() => fc.uniqueArray(pool, { maxLength: 4 }));
  const split = b.int(0, args.length);
  return { should_exist: args.slice(0, split), should_not_exist: args.slice(split) };
}

/** Drops every key the spec does not have (so one generator serves every version). */
export function prune(value: YamlValue, path: string, fields: FieldTable): YamlValue {
  if (Array.isArray(value)) return value.map((v) => prune(v, path, fields));
  if (value === null || typeof value !== 'object' || value instanceof Raw) return value;
  const out: YamlMap = {};
  for (const [key, v] of Object.entries(value)) {
    const at = path ? `${path}.${key}` : key;
    const field = fields.get(at);
    if (!field || field.type.startsWith('list of strings') || !field.type.includes('object')) {
      if (field) out[key] = v;
      continue;
    }
    out[key] = prune(v, at, fields);
  }
  return out;
}

/** A valid config of a spec (as the generator means it: the oracle's acceptance is checked by the tests). */
export function validConfig(b: Build): YamlMap {
  const config: YamlMap = { variant: b.spec.variant, version: b.spec.version };
  const sections: [string, number, () => YamlMap][] = [
    ['ignition', 30, () => ignitionConfig(b)],
    ['storage', 80, () => storage(b)],
    ['systemd', 60, () => systemd(b)],
    ['passwd', 50, () => passwd(b)],
    ['kernel_arguments', 15, () => kernelArguments(b)],
    ['boot_device', 10, () => bootDevice(b)],
    ['grub', 10, () => ({ users: [{ name: 'root', password_hash: 'grub.pbkdf2.sha512.10000.AB12.CD34' }] })],
  ];
  for (const [key, percent, make] of sections) if (b.has(key) && b.chance(percent)) config[key] = make();
  if (b.chance(10)) {
    // Some configs name the version last (or the variant after the sections).
    const { variant = null, version = null, ...rest } = config;
    return prune(b.chance(50) ? { ...rest, variant, version } : { version, ...rest, variant }, '', b.fields) as YamlMap;
  }
  return prune(config, '', b.fields) as YamlMap;
}

const style: fc.Arbitrary<YamlStyle> = fc.record({
  indent: fc.constantFrom<YamlStyle['indent']>(2, 2, 4, 3),
  indentSequences: fc.boolean(),
  flow: fc.constantFrom(0, 0, 0.2, 0.6),
  quote: fc.constantFrom(0, 0.1, 0.5),
  blockScalars: fc.boolean(),
  comments: fc.boolean(),
  documentMarkers: fc.boolean(),
  crlf: fc.constantFrom(false, false, false, false, true),
  seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
});

/** A Butane case: a spec, a valid config, or one with one or two mutations; its YAML and local files. */
export const butaneCase: fc.Arbitrary<ButaneCase> = fc
  .tuple(fc.constantFrom(...SPECS), fc.gen(), style, fc.integer({ min: 0, max: 99 }))
  .map(([spec, g, yamlStyle, roll]) => {
    const b = new Build(g, spec);
    const config = validConfig(b);
    const count = roll < 45 ? 0 : roll < 90 ? 1 : 2;
    const tags: string[] = [];
    let filesDir = true;
    let text: ((yaml: string) => string) | undefined;
    for (let i = 0; i < count; i++) {
      const m = mutate(b, config, b.int(0, MUTATIONS.length - 1));
      tags.push(m.tag);
      if (m.noFilesDir) filesDir = false;
      if (m.text) text = m.text;
    }
    let yaml = toYaml(config, yamlStyle);
    if (text) yaml = text(yaml);
    return { spec, yaml, files: b.files, filesDir, tags: tags.length ? tags : ['valid'] };
  });

/** Cases per chunk of a long run: chunk k of seed s is always the same cases (the oracle cache relies on it). */
export const CHUNK = 500;

/** The `k`th chunk of the cases of a seed. */
export function chunkOf(seed: number, k: number, count = CHUNK): ButaneCase[] {
  return fc.sample(butaneCase, { numRuns: count, seed: seed * 100_003 + k });
}
