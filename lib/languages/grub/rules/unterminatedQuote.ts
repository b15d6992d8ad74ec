import { parserRule } from '../../../core/rule';

export const unterminatedQuote = parserRule({
  id: 'grub.unterminatedQuote',
  language: 'grub',
  severity: 'error',
  summary: 'A `\'` or `"` that never closes.',
  example: "menuentry 'Fedora CoreOS {\n  linux /vmlinuz\n}",
  fix: 'Add the closing quote.',
  levelWhy:
    'Error: GRUB reads on to the end of the file looking for the quote and stops with a syntax error, so nothing ' +
    'after it (usually the whole menu) is defined.',
});
