import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gatewayConfig } from '@rooftop/gateway';
import { hqConfig } from '@rooftop/hq-projector';
import { loadConfig } from '@rooftop/platform';
import { hrConfig } from '@rooftop/hr-service';
import { integratorsConfig } from '@rooftop/integrator-grants';
import { insuranceConfig } from '@rooftop/insurance-service';
import { partsConfig } from '@rooftop/parts-service';
import { salesConfig } from '@rooftop/sales-service';
import { createTestCommandIssuer } from '@rooftop/testkit';
import { workshopConfig } from '@rooftop/workshop-service';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { type z } from 'zod';

// docker-compose.yml is configuration only through the variables the code's config schemas document: every
// Rooftop container's environment is checked against the schema of the process its image target runs.

const repo = (path: string) => fileURLToPath(new URL(`../../../${path}`, import.meta.url));

interface ComposeService {
  image?: string;
  build?: { context: string; dockerfile: string; target?: string };
  command?: string[];
  environment?: Record<string, string>;
  depends_on?: string[] | Record<string, unknown>;
  volumes?: string[];
  ports?: string[];
}

const compose = parse(readFileSync(repo('docker-compose.yml'), 'utf8'), { merge: true }) as { services: Record<string, ComposeService> };
const services = compose.services;
const dockerfile = readFileSync(repo('infra/docker/Dockerfile'), 'utf8');
const initSql = readFileSync(repo('infra/docker/postgres-init.sql'), 'utf8');

const SCHEMAS: Record<string, z.ZodObject> = {
  sales: salesConfig,
  workshop: workshopConfig,
  parts: partsConfig,
  insurance: insuranceConfig,
  hr: hrConfig,
  'hq-projector': hqConfig,
  gateway: gatewayConfig,
  integrators: integratorsConfig,
};

/** `${NAME:?message}` as compose would fill it from the shell: a value that satisfies the documented rules. */
const issuer = createTestCommandIssuer({ kid: 'gateway', clock: false });
const shellValues: Record<string, string> = {
  ROOFTOP_JWT_SECRET: 'x'.repeat(48),
  ROOFTOP_COMMAND_ISSUER_KEYS: issuer.issuerKeysEnv,
  ROOFTOP_GATEWAY_SIGNING_KEY: issuer.signingKeyEnv,
};
// `${NAME:-default}` takes its default, as compose does with NAME unset.
const interpolate = (value: string): string =>
  value
    .replace(/\$\{[A-Z_]+:-([^}]*)\}/g, (_, fallback: string) => fallback)
    .replace(/\$\{([A-Z_]+)(?::\?[^}]*)?\}/g, (_, name: string) => shellValues[name] ?? `<${name}>`);

const rooftop = Object.entries(services).filter(([, s]) => s.build !== undefined);

describe('docker-compose.yml', () => {
  it('builds every Rooftop container from a target of infra/docker/Dockerfile that runs one documented process', () => {
    expect(rooftop.map(([name]) => name).sort()).toEqual([
      'gateway-hq',
      'gateway-sh-001',
      'hq-directory',
      'hq-projector',
      'hr-sh-001',
      'insurance-sh-001',
      'integrators',
      'parts-sh-001',
      'sales-sh-001',
      'workshop-sh-001',
    ]);
    for (const [name, service] of rooftop) {
      expect({ name, dockerfile: service.build!.dockerfile }).toEqual({ name, dockerfile: 'infra/docker/Dockerfile' });
      expect(Object.keys(SCHEMAS)).toContain(service.build!.target);
      expect(dockerfile).toMatch(new RegExp(`^FROM runtime AS ${service.build!.target}$`, 'm'));
    }
  });

  it.each(rooftop)('%s: every variable is one its config schema documents, and together they load', (_, service) => {
    const schema = SCHEMAS[service.build!.target!]!;
    const env = Object.fromEntries(Object.entries(service.environment ?? {}).map(([k, v]) => [k, interpolate(String(v))]));
    const undocumented = Object.keys(env).filter((name) => !(name in schema.shape));
    expect(undocumented).toEqual([]);
    for (const name of Object.keys(env)) expect(schema.shape[name]!.description, `${name} has a description`).toBeTruthy();
    expect(() => loadConfig(schema, env)).not.toThrow();
  });

  it('points every container at a database the init script creates and a NATS server of the file', () => {
    for (const [name, service] of rooftop) {
      const env = service.environment ?? {};
      const database = new URL(env.DATABASE_URL!).pathname.slice(1);
      expect({ name, created: initSql.includes(`CREATE DATABASE ${database};`) }).toEqual({ name, created: true });
      const natsHost = new URL(env.NATS_URL!).hostname;
      expect({ name, nats: services[natsHost]?.image?.startsWith('nats:') }).toEqual({ name, nats: true });
    }
  });

  it('runs the real topology: an HQ hub, a store leaf linked to it, store services on the leaf and HQ on the hub', () => {
    expect(services['nats-hub']!.command).toEqual(['-c', '/etc/nats/hub.conf']);
    // Each server's accounts, users, leaf link and TLS come from the files `npm run nats:credentials` writes.
    expect(services['nats-hub']!.volumes).toContain('./.rooftop/nats/hub/security:/etc/nats/security:ro');
    expect(services['nats-sh-001']!.volumes).toContain('./.rooftop/nats/leaf-sh-001/security:/etc/nats/security:ro');
    // Every $VARIABLE the NATS configs reference is set on the container that loads them.
    for (const [name, file] of [
      ['nats-hub', 'hub.conf'],
      ['nats-sh-001', 'store-leaf.conf'],
    ] as const) {
      const text = readFileSync(repo(`infra/nats/${file}`), 'utf8')
        .split('\n')
        .filter((l) => !l.trimStart().startsWith('#'))
        .join('\n');
      const refs = [...text.matchAll(/\$([A-Z][A-Z0-9_]*)/g)].map((m) => m[1]!);
      expect(refs.filter((ref) => !(ref in services[name]!.environment!))).toEqual([]);
    }
    const storeNats = new URL(services['sales-sh-001']!.environment!.NATS_URL!).hostname;
    expect(storeNats).toBe('nats-sh-001');
    expect(new URL(services['hq-projector']!.environment!.NATS_URL!).hostname).toBe('nats-hub');
    expect(services['gateway-hq']!.environment!.READ_SCHEMA).toBe(services['hq-projector']!.environment!.HQ_SCHEMA);
  });

  it('secures the bus: no NATS port or monitoring published, every process TLS and its own NATS user', () => {
    expect(services['nats-hub']!.environment!.HQ_NATS_MONITOR).toMatch(/^127\.0\.0\.1:/);
    for (const name of ['nats-hub', 'nats-sh-001']) expect({ name, ports: services[name]!.ports }).toEqual({ name, ports: undefined });
    const users = {
      'hq-directory': 'hq/hq-projector',
      'hq-projector': 'hq/hq-projector',
      integrators: 'integrators/integrator-feed',
      'gateway-hq': 'hq/gateway',
      'gateway-sh-001': 'store/sh-001/gateway',
    } as Record<string, string>;
    for (const [name, service] of rooftop) {
      const env = service.environment ?? {};
      const user = users[name] ?? `store/sh-001/${service.build!.target}`;
      expect({ name, url: new URL(env.NATS_URL!).protocol, ca: env.NATS_TLS_CA, inbox: env.NATS_INBOX_PREFIX }).toEqual({
        name,
        url: 'tls:',
        ca: '/etc/nats/tls/ca.pem',
        inbox: `_INBOX.${user.replace(/\//g, '_')}`,
      });
      expect(service.volumes).toContain(`./.rooftop/nats/credentials/users/${user}.nk:${env.NATS_NKEY_SEED_FILE}:ro`);
    }
    // The feed's second user, HQ's integrator-feed (reads GROUP_EVENTS), is its own secret too.
    const feed = services.integrators!;
    expect(feed.environment!.HQ_NATS_INBOX_PREFIX).toBe('_INBOX.hq_integrator-feed');
    expect(feed.volumes).toContain(`./.rooftop/nats/credentials/users/hq/integrator-feed.nk:${feed.environment!.HQ_NATS_NKEY_SEED_FILE}:ro`);
  });
});
