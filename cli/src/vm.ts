/** `pxe-workbench vm`: boot the site in QEMU and print the timeline as it happens. */
import { InputError } from '../../lib/engine';
import {
  stageLine,
  STAGE_NAME,
  STAGE_ORDER,
  howItEnded,
  startVm,
  succeeded,
  vmPlan,
  VmError,
  type StageId,
  type VmRequest,
} from '../../lib/vm';
import { asInput } from './input';

export interface VmCliOptions {
  firmware?: string;
  secureBoot?: boolean;
  mac?: string;
  timeout?: string;
  memory?: string;
  until?: string;
  serial?: boolean;
  accel?: string;
}

export async function vmCommand(siteFile: string, options: VmCliOptions): Promise<number> {
  const plan = asInput(() => vmPlan(siteFile, checked(options)), VmError);
  const out = (line: string): boolean => process.stdout.write(`${line}\n`);
  const firmware = `${plan.firmware.toUpperCase()}${plan.secureBoot ? ' with Secure Boot' : ''}`;
  out(
    `Test VM: ${plan.machine} (${firmware}, ${plan.mac}), boot file ${plan.bootFile}, ` +
      `up to ${plan.timeoutSeconds} s`,
  );
  for (const note of plan.notes) out(`  note: ${note}`);
  let run;
  try {
    run = startVm(plan, {
      ...(options.until ? { until: options.until as StageId } : {}),
      ...(options.accel ? { accel: options.accel as 'kvm' | 'tcg' | 'auto' } : {}),
      ...(options.serial ? { onSerial: (text: string) => process.stderr.write(text) } : {}),
    });
  } catch (error) {
    if (error instanceof VmError) {
      process.stderr.write(`pxe-workbench: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
  run.timeline.on('stage', (stage) => out(stageLine(stage)));
  run.timeline.on('failure', (failure: { line: string; hint?: string }) =>
    out(`  failed: ${failure.line}${failure.hint ? `\n          ${failure.hint}` : ''}`),
  );
  const stop = (): void => run.stop();
  process.once('SIGINT', stop);
  try {
    const result = await run.done;
    // A Secure Boot refusal: who signed the refused file and whom the judge trusts, from the chain-of-trust rules.
    if (result.failure?.signers) out(`  signatures: ${result.failure.signers}`);
    const reached = result.reached ? `${STAGE_NAME[result.reached.id]} (${result.reached.label})` : 'nothing';
    const how = howItEnded(result, plan.timeoutSeconds);
    out(
      `Furthest stage: ${reached} · ${how} (${result.seconds} s, ${result.accel.toUpperCase()}). ` +
        `Serial console: ${result.serialLog}`,
    );
    return succeeded(result, (options.until as StageId | undefined) ?? 'initramfs') ? 0 : 1;
  } finally {
    process.removeListener('SIGINT', stop);
  }
}

/** The options checked, and the ones that change the plan in the plan's terms. */
function checked(options: VmCliOptions): VmRequest {
  if (options.firmware && options.firmware !== 'bios' && options.firmware !== 'uefi')
    throw new InputError(`--firmware must be bios or uefi (not "${options.firmware}").`);
  if (options.secureBoot && options.firmware === 'bios')
    throw new InputError('--secure-boot is UEFI only: leave out --firmware bios (--secure-boot means UEFI).');
  if (options.until && !STAGE_ORDER.includes(options.until as StageId))
    throw new InputError(`--until must be one of ${STAGE_ORDER.join(', ')}.`);
  if (options.accel && !['kvm', 'tcg', 'auto'].includes(options.accel))
    throw new InputError('--accel must be kvm, tcg or auto.');
  const timeoutSeconds = wholeNumber(options.timeout, '--timeout');
  const memoryMiB = wholeNumber(options.memory, '--memory');
  return {
    ...(options.firmware ? { firmware: options.firmware as 'bios' | 'uefi' } : {}),
    ...(options.secureBoot !== undefined ? { secureBoot: options.secureBoot } : {}),
    ...(options.mac ? { mac: options.mac } : {}),
    ...(timeoutSeconds ? { timeoutSeconds } : {}),
    ...(memoryMiB ? { memoryMiB } : {}),
  };
}

function wholeNumber(text: string | undefined, what: string): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n <= 0) throw new InputError(`${what} must be a whole number above 0 (not "${text}").`);
  return n;
}
