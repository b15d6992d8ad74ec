/** RouterOS script tokens. Offsets point into the original text. */

export type TokenKind = 'word' | 'string' | 'comment' | 'open' | 'close' | 'newline' | 'semicolon';

export interface Token {
  kind: TokenKind;
  text: string;
  start: number;
  end: number;
}

export interface RouterOsScript {
  tokens: Token[];
}
