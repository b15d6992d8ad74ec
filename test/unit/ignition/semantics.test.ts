import { describe, expect, it } from 'vitest';
import { flagged } from '../../helpers/markers';

const wrap = (rest: string, version = '3.4.0'): string => `{ "ignition": { "version": "${version}" }, ${rest} }`;

describe('ignition.pathNotAbsolute', () => {
  const check = (t: string): string[] => flagged('ignition.pathNotAbsolute', 'c.ign', t);
  it('flags relative file, device and RAID member paths', () => {
    expect(check(wrap('"storage": { "files": [{ "path": "etc/motd" }] }'))).toEqual(['"etc/motd"']);
    expect(check(wrap('"storage": { "raid": [{ "name": "md", "level": "raid1", "devices": ["sda"] }] }'))).toEqual([
      '"sda"',
    ]);
    expect(
      check(wrap('"storage": { "files": [{ "path": "/etc/motd" }], "disks": [{ "device": "/dev/sda" }] }')),
    ).toEqual([]);
  });
});

describe('ignition.duplicateEntry', () => {
  const check = (t: string): string[] => flagged('ignition.duplicateEntry', 'c.ign', t);
  it('flags one path across files and links, drop-ins within a unit, and users', () => {
    expect(
      check(wrap('"storage": { "files": [{ "path": "/a" }], "links": [{ "path": "/a", "target": "/b" }] }')),
    ).toEqual(['"/a"']);
    expect(
      check(
        wrap(
          '"systemd": { "units": [{ "name": "a.service", "dropins": [{ "name": "x.conf" }, { "name": "x.conf" }] }] }',
        ),
      ),
    ).toEqual(['"x.conf"']);
    expect(check(wrap('"passwd": { "users": [{ "name": "core" }, { "name": "core" }] }'))).toEqual(['"core"']);
    expect(
      check(
        wrap(
          '"systemd": { "units": [{ "name": "a.service", "dropins": [{ "name": "x.conf" }] }, { "name": "b.service", ' +
            '"dropins": [{ "name": "x.conf" }] }] }',
        ),
      ),
    ).toEqual([]);
  });
});

describe('ignition.invalidSource', () => {
  const check = (t: string, v?: string): string[] => flagged('ignition.invalidSource', 'c.ign', wrap(t, v));
  it('flags unsupported schemes per version and broken data: URLs', () => {
    expect(check('"storage": { "files": [{ "path": "/a", "contents": { "source": "data:,100%" } }] }')).toEqual([
      '"data:,100%"',
    ]);
    expect(check('"storage": { "files": [{ "path": "/a", "contents": { "source": "ftp://nas/a" } }] }')).toEqual([
      '"ftp://nas/a"',
    ]);
    expect(check('"storage": { "files": [{ "path": "/a", "contents": { "source": "gs://b/a" } }] }', '3.1.0')).toEqual([
      '"gs://b/a"',
    ]);
    expect(
      check('"storage": { "files": [{ "path": "/a", "contents": { "source": "arn:aws:s3:::b/a" } }] }', '3.3.0'),
    ).toEqual(['"arn:aws:s3:::b/a"']);
    expect(
      check(
        '"storage": { "files": [{ "path": "/a", "contents": { "source": "data:;base64,aGk=" } }, { "path": "/b", ' +
          '"contents": { "source": "https://nas/b" } }, { "path": "/c", "contents": { "source": ' +
          '"arn:aws:s3:::b/c" } }] }',
      ),
    ).toEqual([]);
  });
});

describe('ignition.invalidValue', () => {
  const check = (t: string): string[] => flagged('ignition.invalidValue', 'c.ign', wrap(t));
  it('flags compression, hashes, modes and filesystem formats Ignition rejects', () => {
    expect(check('"storage": { "files": [{ "path": "/a", "mode": 99999 }] }')).toEqual(['99999']);
    expect(check('"storage": { "files": [{ "path": "/a", "contents": { "compression": "zip" } }] }')).toEqual([
      '"zip"',
    ]);
    expect(
      check('"storage": { "files": [{ "path": "/a", "contents": { "verification": { "hash": "md5-00" } } }] }'),
    ).toEqual(['"md5-00"']);
    expect(check('"storage": { "filesystems": [{ "device": "/dev/sda1", "format": "ntfs" }] }')).toEqual(['"ntfs"']);
    expect(
      check(
        `"storage": { "files": [{ "path": "/a", "mode": 420, "contents": { "compression": "gzip", "verification": { ` +
          `"hash": "sha256-${'a'.repeat(64)}" } } }] }`,
      ),
    ).toEqual([]);
  });
});

describe('ignition.invalidUnit', () => {
  const check = (t: string): string[] => flagged('ignition.invalidUnit', 'c.ign', wrap(t));
  it('flags unit names without a type, drop-ins without .conf and unclosed section headers', () => {
    expect(check('"systemd": { "units": [{ "name": "hello" }] }')).toEqual(['"hello"']);
    expect(check('"systemd": { "units": [{ "name": "a.service", "dropins": [{ "name": "x" }] }] }')).toEqual(['"x"']);
    expect(check('"systemd": { "units": [{ "name": "a.service", "contents": "[Unit\\nX=1" }] }')).toEqual([
      '"[Unit\\nX=1"',
    ]);
    expect(
      check(
        '"systemd": { "units": [{ "name": "a.timer", "contents": "[Unit]\\nDescription=x\\n[Timer]\\nOnCalendar=daily" }] }',
      ),
    ).toEqual([]);
  });
});

describe('ignition.invalidSource: characters a data: URL must percent-encode', () => {
  const check = (source: string): string[] =>
    flagged(
      'ignition.invalidSource',
      'c.ign',
      wrap(`"storage": { "files": [{ "path": "/a", "contents": { "source": "${source}" } }] }`),
    );
  it('flags a space, #, [ ] and non-ASCII as ignition-validate does ("invalid data character")', () => {
    for (const raw of ['data:,hello world', 'data:,a#b', 'data:,[x]', 'data:,caf\u00e9', 'data:;base64,aGVs bG8='])
      expect(check(raw), raw).toEqual([`"${raw}"`]);
  });
  it('accepts RFC 2396 characters unescaped', () => {
    expect(check("data:,a%20b/c:d;e=f?g&h+i~j_k.l!m$n(o)*p,q@r'")).toEqual([]);
  });
});

describe('ignition.invalidSource and templates', () => {
  it('does not call a template variable a URL without scheme', () => {
    expect(
      flagged(
        'ignition.invalidSource',
        'c.ign',
        wrap('"ignition": { "version": "3.2.0", "config": { "merge": [{ "source": "{{.SOURCE}}" }] } }').replace(
          '{ "ignition": { "version": "3.4.0" }, ',
          '{ ',
        ),
      ),
    ).toEqual([]);
  });
});

describe('ignition.duplicateEntry in lists of values and per owner (found by mutating the corpus against ignition-validate)', () => {
  const check = (t: string): string[] => flagged('ignition.duplicateEntry', 'c.ign', wrap(t));
  it('flags a group, key, kernel argument, RAID member, merge source, header or partition given twice', () => {
    expect(
      check(
        '"passwd": { "users": [{ "name": "a", "groups": ["wheel", "wheel"], "sshAuthorizedKeys": ["k", "k"] }, { "name": ' +
          '"b", "groups": ["wheel"], "sshAuthorizedKeys": ["k"] }] }',
      ),
    ).toEqual(['"wheel"', '"k"']);
    expect(check('"kernelArguments": { "shouldExist": ["quiet"], "shouldNotExist": ["quiet"] }')).toEqual(['"quiet"']);
    expect(
      check('"storage": { "raid": [{ "name": "md", "level": "raid1", "devices": ["/dev/a", "/dev/a"] }] }'),
    ).toEqual(['"/dev/a"']);
    expect(
      check(
        '"storage": { "files": [{ "path": "/a", "contents": { "source": "http://x/a", "httpHeaders": [{ "name": "X", ' +
          '"value": "1" }, { "name": "X", "value": "2" }] } }, { "path": "/b", "contents": { "source": ' +
          '"http://x/b", "httpHeaders": [{ "name": "X", "value": "1" }] } }] }',
      ),
    ).toEqual(['"X"']);
    expect(
      check(
        '"storage": { "disks": [{ "device": "/dev/a", "partitions": [{ "number": 1 }, { "number": 1 }, { "number": 0 }, ' +
          '{ "number": 0 }, { "label": "x" }] }, { "device": "/dev/b", "partitions": [{ "label": "x" }] }] ' +
          '}',
      ),
    ).toEqual(['1']);
    expect(
      flagged(
        'ignition.duplicateEntry',
        'c.ign',
        '{ "ignition": { "version": "3.4.0", "config": { "merge": [{ "source": "http://a/b" }, { "source": "http://a/b" }] } } }',
      ),
    ).toEqual(['"http://a/b"']);
  });
});

describe('ignition.invalidValue: filesystem formats by spec', () => {
  it('accepts "none" from spec 3.3.0 on and refuses it before', () => {
    const check = (version: string, format: string): string[] =>
      flagged(
        'ignition.invalidValue',
        'c.ign',
        `{ "ignition": { "version": "${version}" }, "storage": { "filesystems": [{ "device": "/dev/vdb", "format": "${format}" }] } }`,
      );
    expect(check('3.2.0', 'none')).toEqual(['"none"']);
    expect(check('3.3.0', 'none')).toEqual([]);
    expect(check('3.0.0', '')).toEqual([]);
    expect(check('3.0.0', 'vfat')).toEqual([]);
  });
});

describe('ignition.pathNotAbsolute: simplified paths', () => {
  it('flags storage paths with //, . or .. or a trailing slash, and offers the clean one', () => {
    const check = (t: string): string[] => flagged('ignition.pathNotAbsolute', 'c.ign', wrap(t));
    expect(check('"storage": { "files": [{ "path": "/a//b" }, { "path": "/c/" }, { "path": "/d/./e" }] }')).toEqual([
      '"/a//b"',
      '"/c/"',
      '"/d/./e"',
    ]);
    expect(check('"storage": { "disks": [{ "device": "/dev//vdb" }] }')).toEqual(['"/dev//vdb"']);
    expect(check('"storage": { "files": [{ "path": "/" }, { "path": "/etc/motd" }] }')).toEqual([]);
    expect(check('"passwd": { "users": [{ "name": "u", "homeDir": "/home//u/" }] }')).toEqual([]);
  });
});

describe('ignition.invalidValue: RAID levels', () => {
  it('flags a level Ignition does not know and accepts its aliases', () => {
    const check = (level: string): string[] =>
      flagged(
        'ignition.invalidValue',
        'c.ign',
        wrap(`"storage": { "raid": [{ "name": "md", "level": "${level}", "devices": ["/dev/a"] }] }`),
      );
    expect(check('multipath')).toEqual(['"multipath"']);
    for (const ok of ['raid1', 'mirror', '1', 'stripe', 'linear', 'raid10']) expect(check(ok), ok).toEqual([]);
  });
});

describe('ignition.pathNotAbsolute: empty optional paths', () => {
  it('leaves an empty mount point or home directory alone (Ignition skips it) but not an empty file path', () => {
    const check = (t: string): string[] => flagged('ignition.pathNotAbsolute', 'c.ign', wrap(t));
    expect(
      check(
        '"storage": { "filesystems": [{ "device": "/dev/a", "format": "ext4", "path": "" }] }, "passwd": { "users": [{ ' +
          '"name": "a", "homeDir": "" }] }',
      ),
    ).toEqual([]);
    expect(check('"storage": { "files": [{ "path": "" }] }')).toEqual(['""']);
  });
});
