import { describe, expect, it } from 'vitest';
import { applyFix, flagged, lintFixture } from '../../helpers/markers';

const wrap = (rest: string, version = '3.4.0'): string => `{ "ignition": { "version": "${version}" }, ${rest} }`;

describe('ignition.modeLooksOctal', () => {
  const RULE = 'ignition.modeLooksOctal';
  it('flags octal digits written as decimal and converts them', () => {
    expect(flagged(RULE, 'c.ign', wrap('"storage": { "files": [{ "path": "/a", "mode": 644 }] }'))).toEqual(['644']);
    expect(
      flagged(
        RULE,
        'c.ign',
        wrap(
          '"storage": { "files": [{ "path": "/a", "mode": 420 }, { "path": "/b", "mode": 493 }, { "path": "/c", "mode": 384 }] }',
        ),
      ),
    ).toEqual([]);
    const r = lintFixture('c.ign', wrap('"storage": { "directories": [{ "path": "/d", "mode": 755 }] }'), RULE);
    expect(applyFix(r.text, r.findings[0]!)).toContain('"mode": 493');
  });
});

describe('ignition.placeholderSshKey', () => {
  const RULE = 'ignition.placeholderSshKey';
  it('flags placeholder and truncated keys', () => {
    expect(
      flagged(
        RULE,
        'c.ign',
        wrap('"passwd": { "users": [{ "name": "core", "sshAuthorizedKeys": ["ssh-rsa AAAA..."] }] }'),
      ),
    ).toEqual(['"ssh-rsa AAAA..."']);
    expect(
      flagged(
        RULE,
        'c.ign',
        wrap(
          '"passwd": { "users": [{ "name": "core", "sshAuthorizedKeys": ["ssh-ed25519 ' +
            'AAAAC3NzaC1lZDI1NTE5AAAAIGJ6d0Kh1mHFv2m8cX1x3Hn0RkZ2fW9mQb5o3yq7eXk1 me@lab"] }] }',
        ),
      ),
    ).toEqual([]);
  });
});

describe('ignition.autologin', () => {
  const RULE = 'ignition.autologin';
  it('flags getty autologin drop-ins, also inside data: URLs', () => {
    const dropin = '[Service]\\nExecStart=\\nExecStart=-/usr/sbin/agetty --autologin core --noclear %I $TERM';
    expect(
      flagged(
        RULE,
        'c.ign',
        wrap(
          `"systemd": { "units": [{ "name": "getty@tty1.service", "dropins": [{ "name": "a.conf", "contents": "${dropin}" }] }] }`,
        ),
      ),
    ).toHaveLength(1);
    const encoded = encodeURIComponent('ExecStart=-/sbin/agetty --autologin core\n');
    expect(
      flagged(
        RULE,
        'c.ign',
        wrap(`"storage": { "files": [{ "path": "/etc/x.conf", "contents": { "source": "data:,${encoded}" } }] }`),
      ),
    ).toHaveLength(1);
    expect(
      flagged(
        RULE,
        'c.ign',
        wrap(
          '"systemd": { "units": [{ "name": "a.service", "contents": "[Service]\\nExecStart=/usr/bin/agetty tty1" }] }',
        ),
      ),
    ).toEqual([]);
  });
});

describe('ignition.oldSpec', () => {
  const RULE = 'ignition.oldSpec';
  it('suggests upgrading specs older than 3.4.0', () => {
    expect(flagged(RULE, 'c.ign', '{ "ignition": { "version": "3.0.0" } }')).toEqual(['"3.0.0"']);
    expect(flagged(RULE, 'c.ign', '{ "ignition": { "version": "3.4.0" } }')).toEqual([]);
    expect(flagged(RULE, 'c.ign', '{ "ignition": { "version": "3.7.0-experimental" } }')).toEqual([]);
  });
});

describe('ignition.placeholderSshKey and template variables', () => {
  it('leaves a key that a template fills alone (openstack/magnum: "__SSH_KEY_VALUE__")', () => {
    expect(
      flagged(
        'ignition.placeholderSshKey',
        'c.ign',
        wrap('"passwd": { "users": [{ "name": "core", "sshAuthorizedKeys": ["__SSH_KEY_VALUE__", "{{.ssh_key}}"] }] }'),
      ),
    ).toEqual([]);
    expect(
      flagged(
        'ignition.placeholderSshKey',
        'c.ign',
        wrap('"passwd": { "users": [{ "name": "core", "sshAuthorizedKeys": ["ssh-ed25519 SET_PUBKEY_HERE"] }] }'),
      ),
    ).toHaveLength(1);
  });
});
