/**
 * What several RouterOS rules share (not a rule): the rule declarer, unknown names in the tree, names the script never
 * adds, text options.
 */
import type { Problem } from '../../../core/problem';
import { report, ruleOver, type ProblemExtra, type RuleMeta } from '../../../core/rule';
import { didYouMean } from '../../../core/suggest';
import { argValue, type RouterOsScript, tokenOf, tokensOf, wordOf } from '../ast';
import { activeTree, declaredVersion, packageMenus, v6Only, v7Since } from '../catalog';
import { arg, argText, dhcpModelOf, OPTION_MENU, referencesIn, statementsIn } from '../dhcpModel';
import { optionText } from '../optionValue';
import { resolvedCommands, resolveStatement, unique, type KnownCommand, type Resolved } from '../resolve';
import type { Argument, Statement } from '../statements';

/** Declares a RouterOS rule (its id stays a literal type). */
export const routerosRule = ruleOver<RouterOsScript>();

const RUN_TIME = /[$[(]/;

/** A value with a `$variable`, a `[command]` or an `(expression)` in it: only the router knows what it is. */
export function computedAtRunTime(value: string): boolean {
  return RUN_TIME.test(value);
}

/** The quick fix that writes the suggested name over `span`. */
export function changeTo(span: { start: number; end: number }, suggestion: string): ProblemExtra {
  const edits = [{ start: span.start, end: span.end, newText: suggestion }];
  return { fixes: [{ title: `Change to ${suggestion}`, edits, preferred: true }] };
}

/** Which statements a check looks at, and whether they are a stored script's (checked only when it runs). */
export interface Selection {
  which: (s: Statement) => boolean;
  quoted: boolean;
}

const STORED = ' The script is stored as it is, and fails here each time it runs.';

/** Unknown menus and commands of the statements `which` selects. */
export function commandProblems(
  rule: RuleMeta,
  script: RouterOsScript,
  text: string,
  path: string | undefined,
  { which, quoted }: Selection,
): Problem[] {
  const v6 = declaredVersion(text, path) === 6;
  const problems: Problem[] = [];
  const { statements } = dhcpModelOf(script);
  for (let i = 0; i < statements.length; i++) {
    const s = statements[i]!;
    if (!which(s)) continue;
    const resolved = resolveStatement(activeTree(), s);
    if (v6 && resolved?.command) problems.push(...v7Syntax(rule, s, resolved.command, quoted));
    const found = resolved && unknownName(rule, resolved, v6, quoted);
    if (found) problems.push(found);
  }
  return problems;
}

/** The word of a statement the tree does not have, unless it is a package's menu or the script's RouterOS 6's. */
function unknownName(rule: RuleMeta, resolved: Resolved, v6: boolean, quoted: boolean): Problem | undefined {
  const tree = activeTree();
  const problem = resolved.problem;
  if (!problem) return undefined;
  const { word, kind } = problem;
  const suggestion = didYouMean(word.text, problem.candidates);
  // The built-in catalog does not know menus that packages add (wireless, …): without a full tree, an
  // unknown sub-menu is reported only when it looks like a typo of a known one.
  if (kind === 'menu' && !tree.complete && !suggestion) return undefined;
  const old = v6Only(`${resolved.menu === '/' ? '' : resolved.menu} ${word.text}`.trim());
  if (old && v6) return undefined; // the script says it is for RouterOS 6, which has this menu
  const packaged = packageMenus.get(resolved.menu)?.has(word.text);
  const version = old
    ? `RouterOS 7 (${tree.version}) has no ${kind} "${word.text}" here: it is RouterOS 6's, and ${old}.`
    : packaged
      ? `The loaded RouterOS ${tree.version} tree has no menu "${word.text}": it comes with an extra package or ` +
        'with the hardware, which the device the tree was dumped from lacks.'
      : `RouterOS ${tree.version} has no ${kind} "${word.text}" here` +
        (suggestion ? `: did you mean "${suggestion}"?` : '.');
  return report(
    rule,
    word,
    quoted ? `${version}${STORED}` : version,
    suggestion && !quoted && !old && !packaged ? changeTo(word, suggestion) : undefined,
  );
}

/** In a script declared for RouterOS 6: v7's slash paths and the scripting commands v7 added. */
function v7Syntax(rule: RuleMeta, s: Statement, command: string, quoted: boolean): Problem[] {
  const tail = quoted ? STORED : '';
  const first = tokenOf(s, 0);
  if (first?.text.startsWith('/') && first.text.slice(1).includes('/')) {
    const spaced = first.text.split('/').filter(Boolean).join(' ').replace(/^/, '/');
    return [
      report(
        rule,
        first,
        `The script says it is for RouterOS 6, which has no slash-separated paths (RouterOS 7's syntax): ` +
          `write ${spaced} with spaces.${tail}`,
      ),
    ];
  }
  const word = wordOf(s, 0);
  const since = word?.text.replace(/^:/, '') === command ? v7Since(command) : undefined;
  return since && word
    ? [
        report(
          rule,
          word,
          `The script says it is for RouterOS 6, which has no :${command} (RouterOS ${since} and later).${tail}`,
        ),
      ]
    : [];
}

/** Arguments the resolved command does not take, for the statements `which` selects. */
export function argumentProblems(
  rule: RuleMeta,
  script: RouterOsScript,
  text: string,
  path: string | undefined,
  { which, quoted }: Selection,
): Problem[] {
  const problems: Problem[] = [];
  const v6 = declaredVersion(text, path) === 6;
  const { tree, statements, resolved } = resolvedCommands(script);
  // Statements that resolve alike share their resolution: look its arguments up once per run of them.
  let last: KnownCommand | undefined;
  let args: ReadonlySet<string> | undefined;
  for (let i = 0; i < statements.length; i++) {
    const s = statements[i]!;
    const { menu, command } = resolved[i]!;
    if (!which(s) || command === 'find') continue; // `find name=…` filters on properties (routeros.unknownFilterProperty)
    if (resolved[i] !== last) {
      last = resolved[i];
      args = tree.menus.get(menu)?.commands.get(command);
    }
    if (!args) continue;
    for (let k = 0; k < s.args.length; k++) {
      const a = s.args[k]!;
      const name = a.name.startsWith('!') ? a.name.slice(1) : a.name;
      if (args.has(name) || unique(name, [...args])) continue; // RouterOS takes `freq=` for `frequency=`
      if (afterWhere(s, a)) break; // `print where …` compares properties
      const old = v6Only(`${menu}|${name}`);
      if (old && v6) continue;
      const suggestion = old ? undefined : didYouMean(name, args);
      const keyStart = a.key.start + (a.key.text.startsWith('!') ? 1 : 0);
      const range = { start: keyStart, end: a.key.start + a.key.text.indexOf('=') };
      const said = old
        ? `\`${command}\` in ${menu} has no argument "${name}" in RouterOS 7 (${tree.version}): it is RouterOS 6's, ` +
          `and ${old}.`
        : `\`${command}\` in ${menu} has no argument "${name}"${suggestion ? `: did you mean "${suggestion}"?` : '.'}`;
      problems.push(
        report(
          rule,
          range,
          quoted ? `${said}${STORED}` : said,
          suggestion && !quoted ? changeTo(range, suggestion) : undefined,
        ),
      );
    }
  }
  return problems;
}

/** True when the argument comes after the statement's `where` (looked for only for an argument the command lacks). */
function afterWhere(s: Statement, a: Argument): boolean {
  const where = tokensOf(s).find((t) => t.text === 'where');
  return where !== undefined && a.key.start > where.start;
}

/** Options with this `code` whose value is plain text: the value argument and the text it sends. */
export function* textOptions(script: RouterOsScript, code: string): Generator<{ value: Argument; text: string }> {
  for (const s of statementsIn(script, OPTION_MENU)) {
    if (argText(s, 'code') !== code) continue;
    const value = arg(s, 'value');
    const text = optionText(value && argValue(value));
    if (value && text) yield { value, text };
  }
}

/**
 * References to `what` (an option, an option set) in `lists` that the script never adds: a warning each, with a
 * fix when a name it adds is close. `otherwise` ends the message when none is.
 */
export function unaddedNames(
  rule: RuleMeta,
  lists: readonly Argument[],
  added: ReadonlyMap<string, unknown>,
  what: string,
  otherwise: string,
): Problem[] {
  return referencesIn(lists, (name) => !added.has(name)).map((r) => {
    const suggestion = didYouMean(r.name, added.keys());
    return report(
      rule,
      { start: r.start, end: r.end },
      `No ${what} named "${r.name}" is added in this script${suggestion ? `: did you mean "${suggestion}"?` : otherwise}`,
      suggestion ? changeTo(r, suggestion) : undefined,
    );
  });
}
