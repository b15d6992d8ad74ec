/**
 * A systemd unit file read as Ignition reads it (go-systemd's unit deserializer): sections, `Name=Value`
 * options with backslash continuations, comments. Ignition refuses unit contents this reader refuses.
 */

export interface UnitOption {
  section: string;
  name: string;
  value: string;
}

/** go-systemd's SYSTEMD_LINE_MAX: a longer line is refused (systemd would truncate it). */
export const UNIT_LINE_MAX = 2048;

const isComment = (c: string | undefined): boolean => c === '#' || c === ';';
const isSpace = (c: string): boolean => /\s/u.test(c);

class Lexer {
  private i = 0;
  readonly options: UnitOption[] = [];
  constructor(private readonly text: string) {}

  /** The rest of the line (without its `\r\n`/`\n`) and whether the text ended. */
  private toEol(): { line: string; eof: boolean } {
    const nl = this.text.indexOf('\n', this.i);
    const end = nl < 0 ? this.text.length : nl;
    let line = this.text.slice(this.i, end);
    this.i = nl < 0 ? this.text.length : nl + 1;
    if (line.endsWith('\r')) line = line.slice(0, -1);
    return { line, eof: nl < 0 };
  }

  private ignoreLine(): void {
    for (;;) {
      const { line, eof } = this.toEol();
      if (!line.replace(/ $/, '').endsWith('\\') || eof) return;
    }
  }

  /** Runs the lexer; the error message, or undefined. */
  run(): string | undefined {
    let section: string | undefined;
    while (this.i < this.text.length) {
      const c = this.text[this.i] as string;
      this.i++;
      if (c === '[') {
        const close = this.text.indexOf(']', this.i);
        if (close < 0) return 'unable to find end of section';
        section = this.text.slice(this.i, close);
        this.i = close + 1;
        const garbage = this.toEol().line.trim();
        if (garbage) return `found garbage after section name ${section}: ${JSON.stringify(garbage)}`;
      } else if (isComment(c)) this.ignoreLine();
      else if (section !== undefined && !isSpace(c)) {
        this.i--;
        const error = this.option(section);
        if (error) return error;
      }
    }
    return undefined;
  }

  private option(section: string): string | undefined {
    let name = '';
    for (;;) {
      if (this.i >= this.text.length) return 'EOF';
      const c = this.text[this.i++] as string;
      if (c === '\n' || c === '\r') return 'unexpected newline encountered while parsing option name';
      if (c === '=') break;
      name += c;
    }
    let value = '';
    for (;;) {
      const { line, eof } = this.toEol();
      if (line.trim().length === 0) break;
      value += line;
      if (!line.endsWith('\\')) break;
      if (!eof) value += '\n';
      if (eof) break;
    }
    value = value.endsWith('\n') ? `${value.trim()}\n` : value.trim();
    this.options.push({ section, name: name.trim(), value });
    return undefined;
  }
}

/** The options of a unit, or go-systemd's error for text it refuses. */
export function readUnit(text: string): { options: UnitOption[]; error?: string } {
  if (text.split(/\r?\n/).some((line) => Buffer.byteLength(line) >= UNIT_LINE_MAX))
    return { options: [], error: `line too long (max ${UNIT_LINE_MAX} bytes)` };
  const lexer = new Lexer(text);
  const error = lexer.run();
  return { options: lexer.options, ...(error ? { error } : {}) };
}
