import type { Problem } from '../../../core/problem';
import { changeTo, report } from '../../../core/rule';
import { didYouMean } from '../../../core/suggest';
import { COREOS_ARGS } from '../catalog';
import { wordsEnd } from '../args';
import { ipxeRule, isFedoraCoreOs, kernelLines } from './shared';

export const unknownKernelArgument = ipxeRule({
  id: 'ipxe.unknownKernelArgument',
  language: 'ipxe',
  severity: 'warning',
  summary: 'A `coreos.*` or `ignition.*` kernel argument Fedora CoreOS does not read: it is silently ignored.',
  example: '#!ipxe\nkernel http://nas/fcos-kernel initrd=main ignition.config_url=http://nas/config.ign',
  fix: 'Correct the spelling (the message suggests the closest argument).',
  levelWhy:
    'Warning: the kernel ignores the argument, so what it was meant to configure silently does not happen; judged only ' +
    'on kernels that are recognisably Fedora CoreOS.',
  check(script) {
    const problems: Problem[] = [];
    for (const command of kernelLines(script)) {
      // Container Linux and other systems have coreos.* arguments of their own; judge Fedora CoreOS kernels only.
      if (!isFedoraCoreOs(script, command)) continue;
      for (let word = (script.commandFirst[command] as number) + 1; word < wordsEnd(script, command); word++) {
        const arg = script.word(word);
        if (!arg.text.startsWith('coreos.') && !arg.text.startsWith('ignition.')) continue;
        const key = /^((?:coreos|ignition)\.[^=\s]*)/.exec(arg.text)?.[1];
        if (!key || COREOS_ARGS.has(key)) continue;
        const suggestion = didYouMean(key, COREOS_ARGS.keys());
        const span = { start: arg.start, end: arg.start + key.length };
        problems.push(
          report(
            this,
            span,
            `Fedora CoreOS does not know the kernel argument \`${key}\`` +
              (suggestion ? `: did you mean \`${suggestion}\`?` : '; it is ignored.'),
            suggestion ? { fixes: [changeTo(span, suggestion)] } : undefined,
          ),
        );
      }
    }
    return problems;
  },
});
