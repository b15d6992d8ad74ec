/** Tokenizes text with our TextMate grammars through vscode-textmate + Oniguruma, the engine VS Code uses. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as oniguruma from 'vscode-oniguruma';
import { INITIAL, parseRawGrammar, Registry, type IGrammar } from 'vscode-textmate';

const require = createRequire(import.meta.url);
let ready: Promise<void> | undefined;

function loadOniguruma(): Promise<void> {
  ready ??= oniguruma.loadWASM(
    readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm')).buffer as ArrayBuffer,
  );
  return ready;
}

const FILES: Record<string, string> = {
  'source.ipxe': 'syntaxes/ipxe.tmLanguage.json',
  'source.pxelinux': 'syntaxes/pxelinux.tmLanguage.json',
  'source.routeros': 'syntaxes/routeros.tmLanguage.json',
  'source.ignition': 'syntaxes/ignition.tmLanguage.json',
  'source.butane': 'syntaxes/butane.tmLanguage.json',
  'source.grub': 'syntaxes/grub.tmLanguage.json',
};

export async function loadGrammar(scope: string): Promise<IGrammar> {
  await loadOniguruma();
  const registry = new Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (p) => new oniguruma.OnigScanner(p),
      createOnigString: (s) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (name) =>
      FILES[name] ? parseRawGrammar(readFileSync(FILES[name] as string, 'utf8'), FILES[name]) : null,
  });
  const grammar = await registry.loadGrammar(scope);
  if (!grammar) throw new Error(`grammar ${scope} did not load`);
  return grammar;
}

/** Each token as `text → innermost scope`, line by line. */
export function tokenize(grammar: IGrammar, text: string): { text: string; scopes: string[] }[] {
  let state = INITIAL;
  const out: { text: string; scopes: string[] }[] = [];
  for (const line of text.split('\n')) {
    const result = grammar.tokenizeLine(line, state);
    for (const token of result.tokens)
      out.push({ text: line.slice(token.startIndex, token.endIndex), scopes: token.scopes });
    state = result.ruleStack;
  }
  return out;
}

/** The innermost scope of the first token whose text is exactly `text`. */
export function scopeOf(tokens: { text: string; scopes: string[] }[], text: string): string | undefined {
  return tokens.find((t) => t.text === text)?.scopes.at(-1);
}
