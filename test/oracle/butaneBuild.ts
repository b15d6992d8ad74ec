/**
 * The building blocks of generated Butane cases: what a case is, the state of building one config (the
 * fast-check generator, the spec's fields, the local files it references) and resources (inline/local/source).
 */
import fc from 'fast-check';
import { fieldsOf, type FieldTable, type Spec } from './butaneFields';
import { Raw, type YamlValue } from './butaneYaml';

/** A file the case puts on disk, relative to the case folder: `files/…` is inside the files dir. */
export interface LocalFile {
  path: string;
  data?: string | Uint8Array;
  /** Permission bits (an executable file becomes 0755 in a tree). */
  mode?: number;
  /** A directory (no data). */
  dir?: boolean;
  /** A symbolic link to this target. */
  symlink?: string;
}

export interface ButaneCase {
  spec: Spec;
  yaml: string;
  files: LocalFile[];
  /** Pass `files/` as the files dir (`-d`); false: no files dir. */
  filesDir: boolean;
  /** What the case tests: `valid`, or the mutations applied. */
  tags: string[];
}

export type YamlMap = { [key: string]: YamlValue };

/** The state of building one config: the generator, the spec and its fields, and the files it references. */
export class Build {
  readonly fields: FieldTable;
  readonly files: LocalFile[] = [];
  private counter = 0;

  constructor(
    readonly g: fc.GeneratorValue,
    readonly spec: Spec,
  ) {
    this.fields = fieldsOf(spec);
  }

  has(path: string): boolean {
    return this.fields.has(path);
  }
  int(min: number, max: number): number {
    return this.g(fc.integer, { min, max });
  }
  chance(percent: number): boolean {
    return this.int(0, 99) < percent;
  }
  pick<T>(...values: T[]): T {
    return values[this.int(0, values.length - 1)]!;
  }
  some<T>(max: number, make: (i: number) => T): T[] {
    return Array.from({ length: this.int(0, max) }, (_, i) => make(i));
  }
  /** A name no other call returns in this config. */
  unique(prefix: string): string {
    return `${prefix}${this.counter++}`;
  }
  word(): string {
    return this.pick('app', 'web', 'data', 'net', 'zinc', 'backup', 'x', 'core-tools', 'my_svc');
  }

  text(): string {
    switch (this.int(0, 7)) {
      case 0:
        return '';
      case 1:
        return `hello ${this.word()}\n`;
      case 2:
        return this.pick('a', 'ab', 'abc ', 'line\n', 'x=1\n', '%').repeat(this.int(1, 140));
      case 3:
        return `grüße ✓ ${this.word()} — ünïcödé\n`;
      case 4:
        return this.g(fc.string, { maxLength: 90 });
      case 5:
        return `# ${this.word()}\n[section]\nkey = "value with spaces"\n`.repeat(this.int(1, 30));
      case 6:
        return `#!/bin/bash\nset -euo pipefail\necho "${this.word()}" > /tmp/out\n`;
      default:
        return this.g(fc.string, { maxLength: 400, unit: 'grapheme' });
    }
  }

  /** A local file inside the files dir holding `data`; returns the `local:` reference. */
  local(data: string | Uint8Array = this.chance(85) ? this.text() : this.g(fc.uint8Array, { maxLength: 300 })): string {
    const name = `${this.pick('', 'sub/', 'a/b/')}${this.unique(this.pick('f', 'file.', 'key-'))}${this.pick('', '.txt', '.sh')}`;
    this.files.push({ path: `files/${name}`, data, mode: this.pick(0o644, 0o600, 0o755) });
    return name;
  }

  absPath(): string {
    const dir = this.pick('/etc', '/var/lib', '/opt/app', '/usr/local/bin', '/home/core', '/etc/systemd/system');
    return `${dir}/${this.unique(this.pick('n', 'conf.', 'x-'))}`;
  }

  mode(directory: boolean): YamlValue {
    const mode = directory
      ? this.pick(0o755, 0o750, 0o700, 0o775)
      : this.pick(0o644, 0o600, 0o640, 0o755, 0o400, 0o444);
    switch (this.int(0, 3)) {
      case 0:
        return mode;
      case 1:
        return new Raw(`0${mode.toString(8)}`);
      case 2:
        return new Raw(`0o${mode.toString(8)}`);
      default:
        return new Raw(`0${this.pick('', '0')}${mode.toString(8)}`);
    }
  }

  bool(): YamlValue {
    return this.chance(85) ? this.chance(50) : new Raw(this.pick('yes', 'no', 'True', 'off', 'ON', 'false'));
  }

  owner(): YamlMap {
    return this.chance(50) ? { id: this.int(0, 5000) } : { name: this.pick('core', 'root', 'nobody', 'alice') };
  }
}

/** Contents of a file, a key file, a CA, a merged config: `inline`, `local` or `source`, with the extras. */
export function resource(b: Build, base: string, inline: () => string): YamlMap {
  const kind = b.int(0, b.has(`${base}.local`) ? 3 : b.has(`${base}.inline`) ? 2 : 1);
  const out: YamlMap = {};
  if (kind === 0 || (kind === 1 && !b.has(`${base}.inline`))) {
    const http = b.chance(60);
    out.source = http
      ? `${b.pick('https', 'http')}://example.com/${b.unique('r')}`
      : b.pick(`data:,${encodeURIComponent(inline())}`, 's3://bucket/key', 'tftp://10.0.0.1/f');
    if (http && b.chance(30)) out.compression = 'gzip';
    if (http && b.chance(30)) out.http_headers = [{ name: 'Authorization', value: 'Basic abc' }];
    if (b.chance(30)) out.verification = { hash: `sha512-${'0a'.repeat(64)}` };
  } else if (kind <= 2) out.inline = inline();
  else out.local = b.local(inline());
  return out;
}
