import { parserRule } from '../../../core/rule';

export const unbalancedBrace = parserRule({
  id: 'grub.unbalancedBrace',
  language: 'grub',
  severity: 'error',
  summary: 'A `{` that never closes, or a `}` that closes nothing.',
  example: "menuentry 'Fedora CoreOS' {\n  linux /vmlinuz\n  initrd /initrd.img\n",
  fix: 'Add the missing `}` (or remove the extra one); quote a brace that is part of a value.',
  levelWhy:
    'Error: GRUB stops with a syntax error; an entry whose block never closes swallows the rest of the file and the ' +
    'menu is not what it looks like.',
});
