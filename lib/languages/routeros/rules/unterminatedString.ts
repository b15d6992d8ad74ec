import { parserRule } from '../../../core/rule';

export const unterminatedString = parserRule({
  id: 'routeros.unterminatedString',
  language: 'routeros',
  severity: 'error',
  summary: 'A `"` string that never closes.',
  example: "/ip dhcp-server option add code=67 name=boot value=\"'lpxelinux.0'",
  fix: 'Add the closing `"`.',
  levelWhy:
    'RouterOS reads to the end of the file looking for the closing quote and refuses the script with a syntax error: the import fails.',
});
