/** GRUB 2 script syntax tree (grub.cfg and the files it sources). Offsets point into the original text. */

/** A `$name` or `${name}` inside a word (kept as text in `value`). */
export interface VarRef {
  name: string;
  start: number;
  end: number;
}

/** One shell word: quotes and escapes removed in `value`, variables and template markers kept as written. */
export interface Word {
  /** The word as written (quotes included). */
  text: string;
  /** After quote and escape removal; `$x`, `${x}` and template markers stay as they are. */
  value: string;
  start: number;
  end: number;
  /** Some part of it was quoted (a quoted `if` is a plain word, not a keyword). */
  quoted: boolean;
  vars: VarRef[];
  /** It holds a template marker (`{{ … }}`, `{% … %}`, `<% … %>`): its value is only known once rendered. */
  template: boolean;
}

export interface Span {
  start: number;
  end: number;
}

/** A simple command: its name, its arguments and, for menuentry/submenu and the like, its `{ … }` block. */
export interface Command {
  kind: 'command';
  name: Word;
  args: Word[];
  block?: Block;
  start: number;
  end: number;
}

export interface Block {
  /** The `{`. */
  open: Span;
  /** The `}`, absent when the block never closes. */
  close?: Span;
  body: Statement[];
}

export interface IfStatement {
  kind: 'if';
  /** `if` and each `elif` with its condition and body. */
  clauses: { keyword: Word; condition: Statement[]; then?: Word; body: Statement[] }[];
  elseKeyword?: Word;
  elseBody?: Statement[];
  /** The `fi`, absent when the statement never closes. */
  fi?: Word;
  start: number;
  end: number;
}

export interface LoopStatement {
  kind: 'for' | 'while' | 'until';
  keyword: Word;
  /** `for NAME in …`: the name and the words. */
  variable?: Word;
  items?: Word[];
  condition?: Statement[];
  body: Statement[];
  done?: Word;
  start: number;
  end: number;
}

export interface FunctionDef {
  kind: 'function';
  keyword: Word;
  name?: Word;
  block?: Block;
  start: number;
  end: number;
}

export type Statement = Command | IfStatement | LoopStatement | FunctionDef;

/** A `menuentry` or `submenu` with its title, options and what it holds. */
export interface MenuEntry {
  kind: 'menuentry' | 'submenu';
  command: Command;
  /** The first argument that is not an option. */
  title?: Word;
  /** `--id` (or `--id=`). */
  id?: Word;
  classes: Word[];
  /** Every simple command inside its block, nested ones included, in file order. */
  commands: Command[];
  /** The entries of a submenu, in order. */
  entries: MenuEntry[];
  parent?: MenuEntry;
  /** Inside `if`/`for`/`while` or a function: it may or may not be defined when GRUB builds the menu. */
  conditional: boolean;
  start: number;
  end: number;
}

/** Where a command sits. */
export interface Placement {
  /** The innermost menuentry/submenu around it. */
  entry?: MenuEntry;
  /** The function it is defined in. */
  inFunction?: FunctionDef;
  /** Inside an `if`, `for`, `while` or `until` (condition or body). */
  conditional: boolean;
}

/** `set name=value` or the bare `name=value` form. */
export interface Assignment {
  name: string;
  /** The name as written (offsets of the name only). */
  nameSpan: Span;
  /** The value after quote removal, with its place in the text; absent for `set name` (which sets it empty). */
  value?: { text: string; start: number; end: number; template: boolean; hasVariable: boolean };
  command: Command;
}

export interface GrubConfig {
  statements: Statement[];
  /** Every simple command in file order (conditions, loop and function bodies and blocks included). */
  commands: Command[];
  placement: Map<Command, Placement>;
  /** Top-level menu entries (a submenu holds its own). */
  entries: MenuEntry[];
  /** Every menu entry and submenu, in file order. */
  allEntries: MenuEntry[];
  entryOf: Map<Command, MenuEntry>;
  assignments: Assignment[];
  functions: FunctionDef[];
  /** Spans of the `if`/`for`/`while`/function/menuentry blocks, for folding. */
  blocks: Span[];
  comments: Span[];
}
