// The cost of the bus's security on the relay, command and commit→consumer suites (docs/benchmarks.md): the same
// suites against three private nats-servers started here — plain, authenticated (an nkey user with a store
// service's allow-list, per-user inbox, allow_responses), and authenticated over TLS — in one run, alternating.
//
//   npx tsx --conditions=@rooftop/source bench/scripts/security-cost.ts [rounds=2] [suites=relay,commands,latency]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createUser } from '@nats-io/nkeys';
import { generateCertificates, permissionsOf } from '@rooftop/nats-security';
import { startNatsServer } from '@rooftop/testkit';

const rounds = Number(process.argv[2] ?? 2);
const suites = (process.argv[3] ?? 'relay,commands,latency').split(',');
const dir = mkdtempSync(join(tmpdir(), 'rooftop-security-cost-'));
const tls = generateCertificates(join(dir, 'tls'), ['localhost', '127.0.0.1']);
const user = createUser();
const seed = new TextDecoder().decode(user.getSeed());
// A store service's list (what the server matches each publish against), then `>`: the bench names its own
// streams and subjects at random, and the cost measured is the match, not which subjects are allowed.
const service = permissionsOf({ groupId: 'bench', stores: [{ storeId: 'bench' }] }, { zone: 'store', storeId: 'bench', user: 'sales' });
const q = (values: readonly string[]) => JSON.stringify([...values, '>']);
const auth = `accounts { BENCH { jetstream: enabled, users: [ { nkey: "${user.getPublicKey()}", permissions: { publish: { allow: ${q(service.publish)} }, subscribe: { allow: ${q(service.subscribe)} }, allow_responses: true } } ] } }\n`;
const tlsBlock = `tls { cert_file: "${tls.certFile}", key_file: "${tls.keyFile}" }\n`;

const servers = {
  plain: await startNatsServer({}),
  auth: await startNatsServer({ config: auth }),
  'auth+tls': await startNatsServer({ config: auth + tlsBlock }),
};
const envOf = (name: keyof typeof servers): Record<string, string> => ({
  NATS_URL: servers[name].url,
  ...(name === 'plain' ? {} : { NATS_NKEY_SEED: seed, NATS_INBOX_PREFIX: '_INBOX.bench' }),
  ...(name === 'auth+tls' ? { NATS_TLS_CA: tls.caFile } : {}),
});
try {
  for (let round = 1; round <= rounds; round += 1) {
    const order = (round % 2 === 1 ? ['plain', 'auth', 'auth+tls'] : ['auth+tls', 'auth', 'plain']) as (keyof typeof servers)[];
    for (const name of order) {
      process.stdout.write(`\n## round ${round}: ${name}\n`);
      const out = join(dir, `${name}-${round}.json`);
      const run = spawnSync('npm', ['run', '--silent', 'bench', '--', ...suites, '--no-peer', `--out=${out}`], {
        env: { ...process.env, ...envOf(name) },
        stdio: ['ignore', 'inherit', 'inherit'],
      });
      if (run.status !== 0) throw new Error(`bench failed against ${name}`);
    }
  }
} finally {
  for (const server of Object.values(servers)) await server.dispose();
  rmSync(dir, { recursive: true, force: true });
}
