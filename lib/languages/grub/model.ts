/** The model over a parsed script: every command with where it sits, the menu tree, the assignments. */
import type { Assignment, Command, FunctionDef, GrubConfig, MenuEntry, Placement, Span, Statement, Word } from './ast';

/** menuentry/submenu options that take a value (grub-core/commands/menuentry.c). */
const VALUE_OPTIONS = new Set(['class', 'users', 'hotkey', 'source', 'id']);

/** Title, id and classes of a menuentry command, read as GRUB's argument parser reads them. */
export function entryOptions(args: readonly Word[]): { title?: Word; id?: Word; classes: Word[] } {
  const positional: Word[] = [];
  const classes: Word[] = [];
  let id: Word | undefined;
  for (let k = 0; k < args.length; k++) {
    const arg = args[k] as Word;
    const v = arg.value;
    if (v === '--') {
      positional.push(...args.slice(k + 1));
      break;
    }
    const m = /^--([^=]+)(?:=(.*))?$/s.exec(v);
    if (!m || !VALUE_OPTIONS.has(m[1] as string)) {
      // Unknown options are kept as arguments (the command accepts dashes); --unrestricted takes no value.
      if (v !== '--unrestricted') positional.push(arg);
      continue;
    }
    let value: Word | undefined;
    if (m[2] !== undefined) {
      const at = arg.text.indexOf('=');
      value = { ...arg, value: m[2], start: at >= 0 ? arg.start + at + 1 : arg.start, text: arg.text.slice(at + 1) };
    } else {
      const next = args[k + 1];
      if (next && !next.value.startsWith('-')) {
        value = next;
        k++;
      }
    }
    if (!value) continue;
    if (m[1] === 'id') id = value;
    if (m[1] === 'class') classes.push(value);
  }
  const title = positional[0];
  return { ...(title ? { title } : {}), ...(id ? { id } : {}), classes };
}

/** `name=value` from a word (the name of `set`'s argument or a bare assignment). */
function assignment(word: Word, command: Command): Assignment | undefined {
  const eq = word.value.indexOf('=');
  if (eq <= 0) return undefined;
  const name = word.value.slice(0, eq);
  const rawEq = word.text.indexOf('=');
  const valueStart = rawEq >= 0 ? word.start + rawEq + 1 : word.end;
  return {
    name,
    nameSpan: { start: word.start, end: rawEq >= 0 ? word.start + rawEq : word.end },
    value: {
      text: word.value.slice(eq + 1),
      start: valueStart,
      end: word.end,
      template: word.template,
      hasVariable: word.vars.some((v) => v.start >= valueStart),
    },
    command,
  };
}

/** Walks the statements once, filing every command, entry, assignment and block. */
class ModelBuilder {
  readonly config: GrubConfig;

  constructor(statements: Statement[], comments: Span[]) {
    this.config = {
      statements,
      commands: [],
      placement: new Map(),
      entries: [],
      allEntries: [],
      entryOf: new Map(),
      assignments: [],
      functions: [],
      blocks: [],
      comments,
    };
  }

  visit(list: readonly Statement[], where: Placement): void {
    const { config } = this;
    for (const s of list) {
      if (s.kind === 'command') {
        this.command(s, where);
        continue;
      }
      config.blocks.push({ start: s.start, end: s.end });
      if (s.kind === 'function') {
        config.functions.push(s);
        if (s.block) this.visit(s.block.body, { ...where, inFunction: s as FunctionDef, conditional: true });
        continue;
      }
      const inner = { ...where, conditional: true };
      if (s.kind === 'if') {
        for (const clause of s.clauses) {
          this.visit(clause.condition, inner);
          this.visit(clause.body, inner);
        }
        if (s.elseBody) this.visit(s.elseBody, inner);
      } else {
        if (s.condition) this.visit(s.condition, inner);
        this.visit(s.body, inner);
      }
    }
  }

  private command(command: Command, where: Placement): void {
    const { config } = this;
    config.commands.push(command);
    config.placement.set(command, where);
    for (let e = where.entry; e; e = e.parent) e.commands.push(command);
    const name = command.name.value;
    const assigned =
      name === 'set' && command.args[0]
        ? assignment(command.args[0], command)
        : !command.name.quoted && name.includes('=')
          ? assignment(command.name, command)
          : undefined;
    if (assigned) config.assignments.push(assigned);
    if (!command.block) return;
    config.blocks.push({ start: command.start, end: command.end });
    let inner = where;
    if ((name === 'menuentry' || name === 'submenu') && !command.name.quoted) {
      const entry: MenuEntry = {
        kind: name,
        command,
        ...entryOptions(command.args),
        commands: [],
        entries: [],
        ...(where.entry ? { parent: where.entry } : {}),
        conditional: where.conditional || (where.entry?.conditional ?? false),
        start: command.start,
        end: command.end,
      };
      config.allEntries.push(entry);
      config.entryOf.set(command, entry);
      (where.entry ? where.entry.entries : config.entries).push(entry);
      inner = { ...where, entry };
    }
    this.visit(command.block.body, inner);
  }
}

export function buildModel(statements: Statement[], comments: Span[]): GrubConfig {
  const builder = new ModelBuilder(statements, comments);
  builder.visit(statements, { conditional: false });
  return builder.config;
}

/** The literal value of the last `set name=…` that is not inside an entry or function, if any. */
export function topLevelAssignments(config: GrubConfig, name: string): Assignment[] {
  return config.assignments.filter((a) => {
    const where = config.placement.get(a.command);
    return a.name === name && !where?.entry && !where?.inFunction;
  });
}
