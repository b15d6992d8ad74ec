import { parserRule } from '../../../core/rule';

export const syntaxError = parserRule({
  id: 'grub.syntaxError',
  language: 'grub',
  severity: 'error',
  summary:
    'Script syntax GRUB refuses: `if` without `then` or `fi`, `for`/`while` without `do` or `done`, an empty ' +
    '`{ }` block, `$` that starts no variable, or an operator GRUB reserves (`|`, `&`, `&&`, `||`, `<`, `>`).',
  example: 'if [ "$grub_platform" = efi ]; then\n  set timeout=5\n',
  fix: 'Complete the construct as the message says; put `true` in a block that has nothing else to do.',
  levelWhy:
    'Error: GRUB prints "syntax error" and skips the whole statement, so an entry, a branch or a loop that looks ' +
    'defined is not.',
});
