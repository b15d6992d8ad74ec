/** A self-signed certificate for the simulator's api-ssl (made with openssl at test time, never committed). */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { certificateFingerprint } from '../../lib/router/api';
import { X509Certificate } from 'node:crypto';

export interface TestCertificate {
  key: string;
  cert: string;
  fingerprint: string;
}

export function makeCertificate(name = 'router'): TestCertificate {
  const dir = mkdtempSync(join(tmpdir(), 'pxe-cert-'));
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '2',
      '-subj',
      `/CN=${name}`,
      '-keyout',
      join(dir, 'key.pem'),
      '-out',
      join(dir, 'cert.pem'),
    ],
    { stdio: 'ignore' },
  );
  const cert = readFileSync(join(dir, 'cert.pem'), 'utf8');
  return {
    key: readFileSync(join(dir, 'key.pem'), 'utf8'),
    cert,
    fingerprint: certificateFingerprint(new X509Certificate(cert).raw),
  };
}
