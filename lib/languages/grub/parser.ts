/**
 * GRUB script parser after grub-core/script/parser.y: commands with an optional `{ … }` block (menuentry,
 * submenu), `if/then/elif/else/fi`, `for … in … do … done`, `while`/`until`, `function name { … }`. One pass
 * over the tokens, never throws; every problem has a range. The model (entries, assignments, placement) is
 * built in model.ts.
 */
import type { Parsed, Problem } from '../../core/problem';
import { report, type RuleMeta } from '../../core/rule';
import type { Block, Command, FunctionDef, GrubConfig, IfStatement, LoopStatement, Statement, Word } from './ast';
import { lex, type Token } from './lexer';
import { buildModel } from './model';
import { syntaxError } from './rules/syntaxError';
import { unbalancedBrace } from './rules/unbalancedBrace';

/** Words that end a list of commands when they stand where a command would. */
const CLOSERS = new Set(['then', 'elif', 'else', 'fi', 'do', 'done']);
/** Deep nesting is cut off here (a generated or hostile file), with a problem, instead of recursing on. */
const MAX_DEPTH = 200;

type Stops = ReadonlySet<string>;
const NONE: Stops = new Set();

class Parser {
  private i = 0;
  private depth = 0;
  constructor(
    private readonly tokens: Token[],
    readonly problems: Problem[],
    private readonly textLength: number,
  ) {}

  private peek(): Token | undefined {
    return this.tokens[this.i];
  }

  private keywordAt(token: Token | undefined): string | undefined {
    if (token?.kind !== 'word') return undefined;
    const w = token.word;
    return w.quoted || w.template || w.vars.length ? undefined : w.text;
  }

  private error(span: { start: number; end: number }, message: string, rule: RuleMeta = syntaxError): void {
    this.problems.push(report(rule, span, message));
  }

  private skipDelimiters(): void {
    while (this.peek()?.kind === 'newline' || this.peek()?.kind === 'semi') this.i++;
  }

  /** Commands up to a closer in `own` or `outer` (not consumed), a `}` when one is awaited, or the end. */
  list(own: Stops, outer: Stops): Statement[] {
    const body: Statement[] = [];
    for (;;) {
      this.skipDelimiters();
      const t = this.peek();
      if (!t) return body;
      const keyword = this.keywordAt(t);
      if (t.kind === 'rbrace') {
        if (own.has('}') || outer.has('}')) return body;
        this.error(t, 'This `}` closes nothing: remove it, or add the `{` it belongs to.', unbalancedBrace);
        this.i++;
      } else if (keyword && CLOSERS.has(keyword)) {
        if (own.has(keyword) || outer.has(keyword)) return body;
        this.error(
          t,
          `\`${keyword}\` without the \`${opener(keyword)}\` it belongs to: GRUB stops with a syntax error.`,
        );
        this.i++;
      } else if (t.kind === 'op') {
        this.error(t, operatorMessage(t.text));
        this.i++;
      } else if (t.kind === 'lbrace') {
        this.error(t, 'A `{ … }` block must follow a command (`menuentry`, `submenu`) or `function name`.');
        body.push(...this.block().body);
      } else {
        const statement = this.statement(own, outer);
        if (statement) body.push(statement);
      }
    }
  }

  private statement(own: Stops, outer: Stops): Statement | undefined {
    const t = this.peek() as Token & { kind: 'word' };
    const keyword = this.keywordAt(t);
    if (this.depth >= MAX_DEPTH) {
      this.error(t, `Nesting deeper than ${MAX_DEPTH} levels is not checked.`);
      this.i = this.tokens.length;
      return undefined;
    }
    this.depth++;
    try {
      const inner = own.size === 0 ? outer : outer.size === 0 ? own : new Set([...own, ...outer]);
      if (keyword === 'if') return this.ifStatement(inner);
      if (keyword === 'for' || keyword === 'while' || keyword === 'until') return this.loop(keyword, inner);
      if (keyword === 'function') return this.functionDef();
      if (keyword === 'case' || keyword === 'select' || keyword === 'esac')
        this.error(
          t,
          `GRUB scripts have no \`${keyword}\`: use \`if … elif … fi\`. GRUB stops with a syntax error here.`,
        );
      return this.command();
    } finally {
      this.depth--;
    }
  }

  private command(): Command {
    const name = (this.tokens[this.i++] as Token & { kind: 'word' }).word;
    const args: Word[] = [];
    let end = name.end;
    let block: Block | undefined;
    for (;;) {
      const t = this.peek();
      if (!t || t.kind === 'newline' || t.kind === 'semi' || t.kind === 'rbrace') break;
      if (t.kind === 'op') {
        this.error(t, operatorMessage(t.text));
        this.i++;
        continue;
      }
      if (t.kind === 'lbrace') {
        block = this.block();
        end = block.close?.end ?? this.textLength;
        const after = this.peek();
        if (after?.kind === 'word' || after?.kind === 'lbrace')
          this.error(after, 'Nothing may follow the `}` of a block on its line: start a new line.');
        break;
      }
      if (t.kind !== 'word') break;
      args.push(t.word);
      end = t.end;
      this.i++;
    }
    return { kind: 'command', name, args, ...(block ? { block } : {}), start: name.start, end };
  }

  /** `{ commands }` from the `{` under the cursor. */
  private block(): Block {
    const open = this.tokens[this.i++] as Token;
    const body = this.list(new Set(['}']), NONE);
    const close = this.peek();
    if (close?.kind === 'rbrace') {
      this.i++;
      if (body.length === 0)
        this.error(
          { start: open.start, end: close.end },
          'GRUB refuses an empty block with a syntax error: put at least one command in it (`true` does nothing).',
        );
      return { open: span(open), close: span(close), body };
    }
    this.error(open, 'This `{` never closes: add the `}` that ends the block.', unbalancedBrace);
    return { open: span(open), body };
  }

  private expect(keyword: string): Word | undefined {
    this.skipDelimiters();
    const t = this.peek();
    if (this.keywordAt(t) !== keyword) return undefined;
    this.i++;
    return (t as Token & { kind: 'word' }).word;
  }

  private ifStatement(outer: Stops): IfStatement {
    const first = (this.tokens[this.i++] as Token & { kind: 'word' }).word;
    const statement: IfStatement = { kind: 'if', clauses: [], start: first.start, end: first.end };
    let keyword = first;
    for (;;) {
      const condition = this.list(new Set(['then', 'fi']), outer);
      const then = this.expect('then');
      const clause: IfStatement['clauses'][number] = { keyword, condition, body: [] };
      statement.clauses.push(clause);
      if (condition.length === 0)
        this.error(keyword, `\`${keyword.text}\` needs a command to test (e.g. \`[ -e $prefix/grub.cfg ]\`).`);
      if (!then) {
        this.error(
          keyword,
          `\`${keyword.text}\` without \`then\`: end the condition with \`;\` or a new line, then write \`then\`.`,
        );
        // The `fi` of this statement ends it (not a stray one).
        const fi = this.expect('fi');
        if (fi) statement.fi = fi;
        statement.end = this.lastEnd();
        return statement;
      }
      clause.then = then;
      clause.body = this.list(new Set(['elif', 'else', 'fi']), outer);
      if (clause.body.length === 0) this.emptyBody(then, 'then');
      const elif = this.expect('elif');
      if (elif) {
        keyword = elif;
        continue;
      }
      const elseWord = this.expect('else');
      if (elseWord) {
        statement.elseKeyword = elseWord;
        statement.elseBody = this.list(new Set(['fi']), outer);
        if (statement.elseBody.length === 0) this.emptyBody(elseWord, 'else');
      }
      const fi = this.expect('fi');
      if (fi) {
        statement.fi = fi;
        statement.end = fi.end;
      } else {
        this.error(first, '`if` without `fi`: add `fi` where the statement ends.');
        statement.end = this.lastEnd();
      }
      return statement;
    }
  }

  private loop(kind: 'for' | 'while' | 'until', outer: Stops): LoopStatement {
    const keyword = (this.tokens[this.i++] as Token & { kind: 'word' }).word;
    const statement: LoopStatement = { kind, keyword, body: [], start: keyword.start, end: keyword.end };
    if (kind === 'for') {
      const variable = this.peek();
      if (variable?.kind === 'word' && /^[A-Za-z_]\w*$/.test(variable.word.text)) {
        statement.variable = variable.word;
        this.i++;
      } else {
        this.error(keyword, '`for` needs a variable name: `for name in a b c; do … done`.');
      }
      const inWord = this.peek();
      if (this.keywordAt(inWord) === 'in') {
        this.i++;
        const items: Word[] = [];
        for (let t = this.peek(); t?.kind === 'word'; t = this.peek()) {
          items.push(t.word);
          this.i++;
        }
        statement.items = items;
      } else {
        this.error(keyword, '`for` needs `in` and a list of words: `for name in a b c; do … done`.');
      }
    } else {
      statement.condition = this.list(new Set(['do']), outer);
    }
    const doWord = this.expect('do');
    // Without `do` the rest up to `done` is still the loop (its `done` is not a stray one).
    if (!doWord)
      this.error(keyword, `\`${kind}\` without \`do\`: write \`; do\` (or \`do\` on the next line) before the body.`);
    statement.body = this.list(new Set(['done']), outer);
    if (statement.body.length === 0 && doWord) this.emptyBody(doWord, 'do');
    const done = this.expect('done');
    if (done) {
      statement.done = done;
      statement.end = done.end;
    } else {
      this.error(keyword, `\`${kind}\` without \`done\`: add \`done\` where the loop ends.`);
      statement.end = this.lastEnd();
    }
    return statement;
  }

  private functionDef(): FunctionDef {
    const keyword = (this.tokens[this.i++] as Token & { kind: 'word' }).word;
    const statement: FunctionDef = { kind: 'function', keyword, start: keyword.start, end: keyword.end };
    const name = this.peek();
    if (name?.kind === 'word') {
      statement.name = name.word;
      statement.end = name.end;
      this.i++;
    } else {
      this.error(keyword, '`function` needs a name: `function name { … }`.');
    }
    while (this.peek()?.kind === 'newline') this.i++;
    if (this.peek()?.kind !== 'lbrace') {
      this.error(keyword, '`function name` must be followed by its `{ … }` body.');
      return statement;
    }
    const block = this.block();
    statement.block = block;
    statement.end = block.close?.end ?? this.textLength;
    return statement;
  }

  private emptyBody(after: Word, what: string): void {
    this.error(after, `Nothing after \`${what}\`: GRUB needs at least one command there (\`true\` does nothing).`);
  }

  private lastEnd(): number {
    return this.tokens[this.i - 1]?.end ?? 0;
  }
}

function span(t: { start: number; end: number }): { start: number; end: number } {
  return { start: t.start, end: t.end };
}

function opener(keyword: string): string {
  return keyword === 'do' || keyword === 'done' ? 'for`/`while' : 'if';
}

function operatorMessage(op: string): string {
  const what =
    op === '<' || op === '>'
      ? 'GRUB has no redirection; compare numbers with `-lt`/`-gt`'
      : op === '|'
        ? 'GRUB has no pipes'
        : op === '&&' || op === '||'
          ? 'GRUB has no `&&`/`||`: use `if … then … fi`'
          : 'GRUB reserves it';
  return `\`${op}\` is a syntax error in GRUB (${what}). Quote it if it is part of a value.`;
}

/** Parses a GRUB script. Never throws; problems are syntax errors GRUB itself would report. */
export function parseGrub(text: string): Parsed<GrubConfig> {
  const lexed = lex(text);
  const parser = new Parser(lexed.tokens, lexed.problems, text.length);
  const statements = parser.list(NONE, NONE);
  // An unclosed quote shifts every string after it: what follows are its consequences, not new mistakes.
  const problems = parser.problems.filter((p) => p.start <= lexed.cascadeFrom || p.ruleId === 'grub.unterminatedQuote');
  return { ast: buildModel(statements, lexed.comments), problems };
}
