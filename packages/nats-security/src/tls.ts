import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface GeneratedTls {
  /** The CA certificate clients and leaves verify the servers with (`NATS_TLS_CA`). */
  readonly caFile: string;
  readonly certFile: string;
  readonly keyFile: string;
}

const openssl = (args: readonly string[], cwd: string): void => {
  const run = spawnSync('openssl', args, { cwd, encoding: 'utf8' });
  if (run.error) throw new Error(`openssl is needed to create certificates: ${run.error.message}`);
  if (run.status !== 0) throw new Error(`openssl ${args[0]} failed: ${run.stderr.trim()}`);
};

/**
 * A private CA and one server certificate for `hosts` (DNS names and IP addresses), signed by it, written to
 * `dir` (`ca.pem`, `server.pem`, `server-key.pem`; keys mode 0600). For the demo, compose and tests: a production
 * group uses certificates from its own PKI. Made with the local openssl; nothing is downloaded.
 */
export const generateCertificates = (dir: string, hosts: readonly string[], options: { readonly days?: number } = {}): GeneratedTls => {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const days = String(options.days ?? 825);
  const san = hosts.map((h) => (/^[\d.]+$/.test(h) || h.includes(':') ? `IP:${h}` : `DNS:${h}`)).join(',');
  writeFileSync(join(dir, 'server.ext'), `subjectAltName=${san}\nextendedKeyUsage=serverAuth,clientAuth\nkeyUsage=digitalSignature,keyEncipherment\n`);
  openssl(
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-keyout',
      'ca-key.pem',
      '-out',
      'ca.pem',
      '-days',
      days,
      '-subj',
      '/CN=Rooftop NATS CA',
    ],
    dir,
  );
  openssl(
    [
      'req',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-keyout',
      'server-key.pem',
      '-out',
      'server.csr',
      '-subj',
      `/CN=${hosts[0] ?? 'nats'}`,
    ],
    dir,
  );
  openssl(
    [
      'x509',
      '-req',
      '-in',
      'server.csr',
      '-CA',
      'ca.pem',
      '-CAkey',
      'ca-key.pem',
      '-CAcreateserial',
      '-out',
      'server.pem',
      '-days',
      days,
      '-extfile',
      'server.ext',
    ],
    dir,
  );
  for (const key of ['ca-key.pem', 'server-key.pem']) chmodSync(join(dir, key), 0o600);
  return { caFile: join(dir, 'ca.pem'), certFile: join(dir, 'server.pem'), keyFile: join(dir, 'server-key.pem') };
};
