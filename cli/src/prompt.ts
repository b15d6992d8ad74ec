/** The terminal's side of a command: questions, secrets from the environment or a hidden prompt, Ctrl-C. */
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { InputError } from '../../lib/engine';
import type { Secrets } from '../../lib/deploy';

/** Asks on the terminal; `hidden` does not echo what is typed. */
export function ask(question: string, hidden = false): Promise<string> {
  const muted = new Writable({ write: (_chunk, _encoding, done) => done() });
  const rl = createInterface({ input: process.stdin, output: hidden ? muted : process.stderr, terminal: true });
  if (hidden) process.stderr.write(question);
  return new Promise((done) => {
    rl.question(hidden ? '' : question, (answer) => {
      rl.close();
      if (hidden) process.stderr.write('\n');
      done(answer);
    });
  });
}

/** A `[y/N]` question: true only for y or yes. */
export async function askYes(question: string): Promise<boolean> {
  return /^y(es)?$/i.test((await ask(question)).trim());
}

export const interactive = (): boolean => process.stdin.isTTY === true && process.stderr.isTTY === true;

/** A deploy that would ask for confirmation needs someone to answer: refused up front when nobody can. */
export function requireConfirmation(options: { dryRun?: boolean; yes?: boolean }): void {
  if (!options.dryRun && !options.yes && !interactive())
    throw new InputError(
      'not a terminal, so nobody can confirm the plan: add --yes to deploy without asking, or --dry-run to only see it.',
    );
}

/** Environment first (PXE_WORKBENCH_PASSWORD, PXE_WORKBENCH_PASSPHRASE), then a hidden prompt on a terminal. */
export const cliSecrets: Secrets = {
  async get(kind, _target, reason) {
    const fromEnv = process.env[kind === 'password' ? 'PXE_WORKBENCH_PASSWORD' : 'PXE_WORKBENCH_PASSPHRASE'];
    if (fromEnv) return fromEnv;
    if (!interactive()) return undefined;
    return (await ask(`${reason[0]?.toUpperCase()}${reason.slice(1)}: `, true)) || undefined;
  },
};

/** Runs `work` with a signal that Ctrl-C aborts; the handler is gone afterwards. */
export async function interruptible<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const abort = new AbortController();
  const onInterrupt = (): void => abort.abort();
  process.once('SIGINT', onInterrupt);
  try {
    return await work(abort.signal);
  } finally {
    process.removeListener('SIGINT', onInterrupt);
  }
}
