import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// Resolved from this file's location so the scripts work from any working directory.
export const packageRoot = fileURLToPath(new URL('../../', import.meta.url));
export const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
export const docsEventsDir = fileURLToPath(new URL('../../../../docs/events/', import.meta.url));

/** The contracts package version, shown as the AsyncAPI document version. */
export const contractsVersion = (): string => (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
