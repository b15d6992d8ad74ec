/**
 * The editor's side of SSH and RouterOS API logins: passwords and passphrases from SecretStorage (asked once,
 * hidden, stored only after they worked) and the question whether to trust a host key seen for the first time.
 */
import * as vscode from 'vscode';
import type { Secrets, SshTarget } from '../../lib/deploy';

/** One secret per kind and user@host:port, shared by every command that logs in there. */
export const secretKeyOf = (kind: string, t: SshTarget): string =>
  `pxeWorkbench.ssh.${kind}.${t.user}@${t.host}:${t.port}`;

export class EditorSecrets {
  private readonly asked = new Map<string, string>();

  constructor(private readonly storage: vscode.SecretStorage) {}

  /** Secrets from SecretStorage; asked for once (hidden input) and stored only after they worked. */
  source(): Secrets {
    return {
      get: async (kind, target, reason) => {
        const stored = await this.storage.get(secretKeyOf(kind, target));
        if (stored) return stored;
        const typed = await vscode.window.showInputBox({
          prompt: `PXE: ${reason} (kept in the editor's secret storage, never in pxe-site.json)`,
          password: true,
          ignoreFocusOut: true,
        });
        if (typed) this.asked.set(secretKeyOf(kind, target), typed);
        return typed;
      },
      confirm: async (kind, target) => {
        const typed = this.asked.get(secretKeyOf(kind, target));
        if (typed) await this.storage.store(secretKeyOf(kind, target), typed);
        this.asked.delete(secretKeyOf(kind, target));
      },
      reject: async (kind, target) => {
        this.asked.delete(secretKeyOf(kind, target));
        await this.storage.delete(secretKeyOf(kind, target));
      },
    };
  }

  /** A host key pxe-site.json does not record yet: trusted (and then recorded) only when the user says so. */
  async trust(fingerprint: string, target: SshTarget): Promise<boolean> {
    const answer = await vscode.window.showWarningMessage(
      `PXE: ${target.host}:${target.port} presents host key ${fingerprint}, which pxe-site.json does not record yet.`,
      {
        modal: true,
        detail:
          `Compare it with the key on the ${target.name} side ` +
          '(on a NAS: ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub; on a MikroTik: /ip ssh print). ' +
          "Trusting records it as the target's hostKey; a different key later is refused.",
      },
      'Trust and Record',
    );
    return answer === 'Trust and Record';
  }
}
