// npm run nats:credentials -- <command> --out <dir> …   (docs/operations.md, "NATS credentials")
//
//   init    --group G --stores a,b [--integrators x,y] [--relay-service sales] [--hub-leaf-url nats-leaf://nats-hub:7422]
//           [--tls --tls-hosts nats-hub,nats-sh-001 [--tls-path /etc/nats/tls]]
//   rotate  <key>…         new secrets for users (store/sh-001/sales, hq/gateway, integrators/acme) or leaves (leaf/sh-001)
//   add-integrator <name>  /  revoke-integrator <name>
//   render                 write the server files again from credentials.json
//   env <key>              the NATS_* lines a process connects with
//
// Every command that changes something writes <dir>/credentials (secrets, mode 0600), <dir>/hub/security and
// <dir>/leaf-<store>/security (what infra/nats/hub.conf and store-leaf.conf include), then, with
// --reload-hub <pid> / --reload-leaf <store>=<pid>, tells those nats-servers to reload (SIGHUP). A changed leaf
// password needs a restart of the hub and that store's leaf instead (nats-server 2.9, docs/adr/0015): it says so.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  connectionEnv,
  type CredentialSet,
  type DeploymentSettings,
  generateCertificates,
  generateCredentials,
  leafLinkChanged,
  readCredentials,
  readDeployment,
  reloadNatsServer,
  rotateCredentials,
  STORE_SERVICES,
  type StoreService,
  type UserRef,
  usersOf,
  userKey,
  withIntegrator,
  withoutIntegrator,
  writeDeployment,
} from '../src/index.js';

type Settings = DeploymentSettings;

const fail = (message: string): never => {
  process.stderr.write(`nats:credentials: ${message}\n`);
  process.exit(2);
};

const parse = (argv: string[]) => {
  const [command = 'help', ...rest] = argv;
  const flags: Record<string, string | true> = {};
  const positional: string[] = [];
  for (let i = 0; i < rest.length; i += 1) {
    const arg = rest[i]!;
    if (!arg.startsWith('--')) positional.push(arg);
    else if (rest[i + 1] === undefined || rest[i + 1]!.startsWith('--')) flags[arg.slice(2)] = true;
    else flags[arg.slice(2)] = rest[(i += 1)]!;
  }
  return { command, flags, positional };
};

const text = (flags: Record<string, string | true>, name: string, fallback?: string): string => {
  const value = flags[name] ?? fallback;
  if (typeof value !== 'string') return fail(`--${name} <value> is required`);
  return value;
};
const csv = (value: string | true | undefined): string[] =>
  typeof value === 'string'
    ? value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : [];

const write = writeDeployment;
const readSettings = (dir: string): Settings => readDeployment(dir).settings;

const reload = async (flags: Record<string, string | true>, previous: CredentialSet | undefined, next: CredentialSet): Promise<void> => {
  const restart = previous !== undefined && leafLinkChanged(previous, next);
  if (typeof flags['reload-hub'] === 'string') {
    if (restart) process.stdout.write('hub: a leaf password changed: restart the hub (nats-server 2.9 cannot reload it)\n');
    else {
      await reloadNatsServer(Number(flags['reload-hub']));
      process.stdout.write(`hub: reload signalled (pid ${flags['reload-hub']})\n`);
    }
  }
  for (const entry of csv(flags['reload-leaf'])) {
    const [storeId, pid] = entry.split('=');
    if (previous && leafLinkChanged(previous, next, [storeId!])) process.stdout.write(`${storeId}: its leaf password changed: restart its NATS server\n`);
    else {
      await reloadNatsServer(Number(pid));
      process.stdout.write(`${storeId}: reload signalled (pid ${pid})\n`);
    }
  }
};

const refOf = (set: CredentialSet, key: string): UserRef => usersOf(set.topology).find((ref) => userKey(ref) === key) ?? fail(`no user ${key}`);

const main = async () => {
  const { command, flags, positional } = parse(process.argv.slice(2));
  if (command === 'help' || flags.help) {
    process.stdout.write(
      readFileSync(new URL(import.meta.url), 'utf8')
        .split('\n')
        .filter((l) => l.startsWith('//'))
        .map((l) => l.slice(3))
        .join('\n') + '\n',
    );
    return;
  }
  const dir = text(flags, 'out');
  if (command === 'init') {
    const settings: Settings = {
      hubLeafUrl: text(flags, 'hub-leaf-url', 'nats-leaf://nats-hub:7422'),
      ...(flags.tls ? { tlsPath: text(flags, 'tls-path', '/etc/nats/tls') } : {}),
    };
    const relayService = text(flags, 'relay-service', 'sales');
    if (!(STORE_SERVICES as readonly string[]).includes(relayService)) fail(`--relay-service must be one of ${STORE_SERVICES.join(', ')}`);
    const set = generateCredentials({
      groupId: text(flags, 'group'),
      stores: csv(flags.stores).map((storeId) => ({ storeId })),
      integrators: csv(flags.integrators),
      relayService: relayService as StoreService,
    });
    if (flags.tls) generateCertificates(join(dir, 'tls'), csv(flags['tls-hosts'] ?? 'localhost,127.0.0.1'));
    mkdirSync(dir, { recursive: true });
    await write(dir, set, settings);
    process.stdout.write(`${Object.keys(set.seeds).length} users and ${set.topology.stores.length} store leaves written to ${dir}\n`);
    return;
  }
  const previous = readCredentials(join(dir, 'credentials'));
  const settings = readSettings(dir);
  let next: CredentialSet;
  switch (command) {
    case 'rotate':
      if (positional.length === 0) fail('rotate needs the keys to rotate (store/sh-001/sales, leaf/sh-001, …)');
      next = rotateCredentials(previous, positional);
      break;
    case 'add-integrator':
    case 'revoke-integrator': {
      const name = positional[0] ?? fail(`${command} <name>`);
      next = command === 'add-integrator' ? withIntegrator(previous, name) : withoutIntegrator(previous, name);
      break;
    }
    case 'render':
      next = previous;
      break;
    case 'env': {
      const ref = refOf(previous, positional[0] ?? fail('env <key>'));
      const env = connectionEnv(previous, ref, settings.tlsPath ? { caFile: `${settings.tlsPath}/ca.pem` } : undefined);
      for (const [name, value] of Object.entries(env)) process.stdout.write(`${name}=${value}\n`);
      return;
    }
    default:
      return fail(`unknown command ${command} (init, rotate, add-integrator, revoke-integrator, render, env)`);
  }
  await write(dir, next, settings);
  process.stdout.write(`${command}: written to ${dir}\n`);
  await reload(flags, previous, next);
};

await main();
