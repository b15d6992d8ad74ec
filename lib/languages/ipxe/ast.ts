/** iPXE script syntax tree. Offsets point into the original text (continuations included). */

export interface Word {
  text: string;
  start: number;
  end: number;
}

export type Separator = '||' | '&&' | ';';

export interface Command {
  name: Word;
  args: Word[];
  start: number;
  end: number;
  /** The separator after this command on the same line, if any. */
  next?: Separator;
  /** The separator before this command on the same line, if any. */
  previous?: Separator;
}

export interface Label {
  name: string;
  /** Range of the name, without the colon. */
  start: number;
  end: number;
}

/** One logical line (physical lines joined by a trailing backslash). */
export interface Line {
  start: number;
  end: number;
  label?: Label;
  commands: Command[];
  comment?: Word;
  /** `||` or `&&` with no command before it (at the start, or right after another separator). */
  strayOperators?: Word[];
}

export interface IpxeScript {
  /** The `#!ipxe` magic line when present. */
  header?: Word;
  lines: Line[];
  labels: Label[];
  /** The commands with a `${` in one of their words, in script order: only these can read a setting. */
  expanding: Command[];
}
