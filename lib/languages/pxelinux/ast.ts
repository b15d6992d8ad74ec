/** SYSLINUX-family config syntax tree. Offsets point into the original text. */

export interface Word {
  text: string;
  start: number;
  end: number;
}

export interface Directive {
  /** The keyword as written (case preserved); compare with `name`. */
  keyword: Word;
  /** Lower-case keyword, e.g. `default`, `menu`. */
  name: string;
  /** For `MENU x` and `TEXT x`: the second word. */
  sub?: Word;
  /** The rest of the line, trimmed. */
  argument?: Word;
  start: number;
  end: number;
}

export interface LabelBlock {
  name: Word;
  directive: Directive;
  directives: Directive[];
}

export interface PxelinuxConfig {
  /** Directives before the first LABEL. */
  global: Directive[];
  labels: LabelBlock[];
  /** Every directive in file order. */
  directives: Directive[];
}
