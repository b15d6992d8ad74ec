/**
 * A YAML writer for generated Butane configs, in the styles people write: block or flow collections, 2 or 4
 * spaces, indented or flush sequences, plain, quoted and block scalars, comments, `---`/`...` markers and CRLF.
 * It writes what it is given; a `Raw` leaf is written as its text, so a test can spell `0644`, `0o644`, `yes`
 * or `"420"` exactly.
 */

/** A scalar written exactly as given (after `key: `). */
export class Raw {
  constructor(readonly text: string) {}
}

export type YamlValue = null | boolean | number | string | Raw | YamlValue[] | { [key: string]: YamlValue };

/** A key written twice (a duplicate-key mutation): `key${DUPLICATE}…` is written as `key`. */
export const DUPLICATE = '\u0000';

export interface YamlStyle {
  indent: 2 | 3 | 4;
  /** Sequences under a key indented by `indent` (`true`) or flush with the key. */
  indentSequences: boolean;
  /** 0..1: how often a small collection is written in flow style. */
  flow: number;
  /** 0..1: how often a string is quoted (single or double) although it could be plain. */
  quote: number;
  /** Multi-line strings as block scalars (`|`) rather than double-quoted. */
  blockScalars: boolean;
  comments: boolean;
  documentMarkers: boolean;
  crlf: boolean;
  /** A seed that picks per-node choices deterministically. */
  seed: number;
}

export const PLAIN_STYLE: YamlStyle = {
  indent: 2,
  indentSequences: true,
  flow: 0,
  quote: 0,
  blockScalars: true,
  comments: false,
  documentMarkers: false,
  crlf: false,
  seed: 1,
};

const RESERVED = /^(?:y|n|yes|no|on|off|true|false|null|~|[-+]?(?:\.inf|\.nan)|<<)$/i;
const PLAIN = /^[A-Za-z_/$][A-Za-z0-9_./$@+=-]*$/;

function isMap(value: YamlValue): value is { [key: string]: YamlValue } {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Raw);
}

class Writer {
  private state: number;
  readonly lines: string[] = [];

  constructor(readonly style: YamlStyle) {
    this.state = style.seed >>> 0 || 1;
  }

  /** A deterministic coin: true with probability p. */
  chance(p: number): boolean {
    this.state = (Math.imul(this.state, 1103515245) + 12345) >>> 0;
    return (this.state >>> 8) / (1 << 24) < p;
  }

  pad(depth: number): string {
    return ' '.repeat(depth * this.style.indent);
  }

  scalar(value: YamlValue): string {
    if (value instanceof Raw) return value.text;
    if (value === null) return this.chance(0.5) ? 'null' : '~';
    if (typeof value === 'boolean' || typeof value === 'number') return String(value);
    if (typeof value !== 'string') throw new Error('not a scalar');
    const plainOk = PLAIN.test(value) && !RESERVED.test(value) && !/^[-+.\d]/.test(value);
    if (plainOk && !this.chance(this.style.quote)) return value;
    if (!/['\n\r\t\\"\u0080-\uffff]/.test(value) && value.length > 0 && this.chance(0.5))
      return `'${value.replace(/'/g, "''")}'`;
    return JSON.stringify(value);
  }

  /** A string as a literal block scalar, when it can be one exactly. */
  block(value: string, depth: number): string[] | undefined {
    if (
      !this.style.blockScalars ||
      !value.includes('\n') ||
      [...value].some((ch) => ch !== '\n' && (ch < ' ' || (ch >= '\u007f' && ch <= '\u009f')))
    )
      return undefined;
    if (/^[ \n]/.test(value) || / \n|\n\n$|^\n|\n $/.test(value) || value.endsWith(' ')) return undefined;
    const body = value.endsWith('\n') ? value.slice(0, -1) : value;
    const header = value.endsWith('\n') ? '|' : '|-';
    const pad = this.pad(depth);
    return [header, ...body.split('\n').map((line) => (line === '' ? '' : pad + line))];
  }

  flowable(value: YamlValue, budget = 6): boolean {
    if (Array.isArray(value)) return value.length <= budget && value.every((v) => !isMap(v) && !Array.isArray(v));
    if (isMap(value)) {
      const entries = Object.entries(value);
      return (
        entries.length > 0 && entries.length <= 3 && entries.every(([, v]) => this.flowable(v, 3) || !isCollection(v))
      );
    }
    return true;
  }

  flow(value: YamlValue): string {
    if (Array.isArray(value)) return `[${value.map((v) => this.flow(v)).join(', ')}]`;
    if (isMap(value))
      return `{${Object.entries(value)
        .map(([k, v]) => `${keyText(k)}: ${this.flow(v)}`)
        .join(', ')}}`;
    if (typeof value === 'string' && (value.includes('\n') || /[,[\]{}#:]/.test(value))) return JSON.stringify(value);
    return this.scalar(value);
  }

  comment(depth: number): void {
    if (this.style.comments && this.chance(0.15))
      this.lines.push(`${this.pad(depth)}# ${this.chance(0.5) ? 'note' : ''}`);
  }

  /** `prefix` is what comes before the value on its line (`key:` or `-`); `depth` is the value's indentation. */
  value(prefix: string, value: YamlValue, depth: number): void {
    if (isCollection(value) && isEmpty(value))
      return void this.lines.push(`${prefix} ${Array.isArray(value) ? '[]' : '{}'}`);
    if (isCollection(value) && this.flowable(value) && this.chance(this.style.flow))
      return void this.lines.push(`${prefix} ${this.flow(value)}`);
    if (Array.isArray(value)) {
      this.lines.push(prefix);
      const inner = prefix.trimStart().startsWith('-') || this.style.indentSequences ? depth : depth - 1;
      return this.sequence(value, inner);
    }
    if (isMap(value)) {
      this.lines.push(prefix);
      return this.mapping(value, depth);
    }
    const block = typeof value === 'string' ? this.block(value, depth) : undefined;
    if (block) {
      this.lines.push(`${prefix} ${block[0]}`, ...block.slice(1));
      return;
    }
    const trailing = this.style.comments && this.chance(0.05) ? ' # why' : '';
    this.lines.push(`${prefix} ${this.scalar(value)}${trailing}`);
  }

  mapping(map: { [key: string]: YamlValue }, depth: number): void {
    for (const [key, v] of Object.entries(map)) {
      this.comment(depth);
      this.value(`${this.pad(depth)}${keyText(key)}:`, v, depth + 1);
    }
  }

  sequence(items: YamlValue[], depth: number): void {
    for (const item of items) {
      this.comment(depth);
      if (isMap(item) && !isEmpty(item) && !(this.flowable(item) && this.chance(this.style.flow))) {
        // `- key: value` with the rest of the mapping aligned under the first key.
        const start = this.lines.length;
        const width = this.style.indent;
        this.mapping(item, depth + 1);
        const firstAt = start + this.lines.slice(start).findIndex((l) => !l.trimStart().startsWith('#'));
        const line = this.lines[firstAt]!;
        this.lines[firstAt] = `${this.pad(depth)}-${' '.repeat(width - 1)}${line.slice(this.pad(depth + 1).length)}`;
      } else this.value(`${this.pad(depth)}-`, item, depth + 1);
    }
  }
}

function isCollection(value: YamlValue): value is YamlValue[] | { [key: string]: YamlValue } {
  return Array.isArray(value) || isMap(value);
}

function isEmpty(value: YamlValue[] | { [key: string]: YamlValue }): boolean {
  return Array.isArray(value) ? value.length === 0 : Object.keys(value).length === 0;
}

function keyText(key: string): string {
  const name = key.split(DUPLICATE)[0]!;
  return PLAIN.test(name) && !RESERVED.test(name) ? name : JSON.stringify(name);
}

/** The YAML text of a config (a mapping at the top). */
export function toYaml(config: { [key: string]: YamlValue }, style: YamlStyle): string {
  const writer = new Writer(style);
  if (style.documentMarkers) writer.lines.push('---');
  if (style.comments) writer.lines.push('# generated');
  writer.mapping(config, 0);
  if (style.documentMarkers && writer.chance(0.5)) writer.lines.push('...');
  const eol = style.crlf ? '\r\n' : '\n';
  return writer.lines.join(eol) + eol;
}
