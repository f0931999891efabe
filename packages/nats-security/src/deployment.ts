import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type CredentialSet, generateCredentials, readCredentials, writeCredentials } from './credentials.js';
import { type ServerTls } from './render.js';
import { writeHubSecurity, writeStoreSecurity } from './reload.js';

// A deployment's bus directory, as `npm run nats:credentials` writes it (docs/operations.md): `credentials/`
// (the secrets and settings.json), `hub/security` and `leaf-<store>/security` (what infra/nats/*.conf include).
// The credentials CLI and the integrators' issuer (@rooftop/integrator-grants) both change it through here.

export interface DeploymentSettings {
  /** How a store leaf dials the hub (`nats-leaf://nats-hub:7422`). */
  readonly hubLeafUrl: string;
  /** Where the servers find the certificates (inside their containers); none: no TLS. */
  readonly tlsPath?: string;
}

export const serverTlsAt = (tlsPath: string | undefined): ServerTls | undefined =>
  tlsPath ? { certFile: `${tlsPath}/server.pem`, keyFile: `${tlsPath}/server-key.pem`, caFile: `${tlsPath}/ca.pem` } : undefined;

/** Writes the secrets, the settings and every server's security files of the deployment in `dir`. */
export const writeDeployment = async (dir: string, set: CredentialSet, settings: DeploymentSettings): Promise<void> => {
  writeCredentials(join(dir, 'credentials'), set);
  writeFileSync(join(dir, 'credentials', 'settings.json'), `${JSON.stringify(settings, null, 2)}\n`, { mode: 0o600 });
  const tls = serverTlsAt(settings.tlsPath);
  await writeHubSecurity(join(dir, 'hub'), set, tls ? { tls } : {});
  for (const { storeId } of set.topology.stores)
    writeStoreSecurity(join(dir, `leaf-${storeId}`), set, storeId, { hubLeafUrl: settings.hubLeafUrl, ...(tls ? { tls } : {}) });
};

export const readDeployment = (dir: string): { readonly credentials: CredentialSet; readonly settings: DeploymentSettings } => ({
  credentials: readCredentials(join(dir, 'credentials')),
  settings: JSON.parse(readFileSync(join(dir, 'credentials', 'settings.json'), 'utf8')) as DeploymentSettings,
});

/** The set with integrator `name` added (a new key) or, when it is there, kept as it is. */
export const withIntegrator = (set: CredentialSet, name: string): CredentialSet =>
  generateCredentials({ ...set.topology, integrators: [...new Set([...(set.topology.integrators ?? []), name])] }, set);

/** The set without integrator `name`: its key is dropped, so after the next reload it is refused and its connections closed. */
export const withoutIntegrator = (set: CredentialSet, name: string): CredentialSet =>
  generateCredentials({ ...set.topology, integrators: (set.topology.integrators ?? []).filter((n) => n !== name) }, set);
