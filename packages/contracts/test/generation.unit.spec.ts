import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { z } from 'zod';
import { defineContext, defineEvent, eventSubjectTemplate, platformContexts } from '../src/index.js';
import { diffTrees, isClean, readTree, renderDocs, writeTree } from '../scripts/lib/docs-tree.js';
import { contractsVersion, docsEventsDir } from '../scripts/lib/paths.js';

type Json = Record<string, unknown>;

const scratchDirs: string[] = [];
const scratch = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'rooftop-contracts-test-'));
  scratchDirs.push(dir);
  return dir;
};
afterAll(() => scratchDirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

const docs = renderDocs(platformContexts, contractsVersion());
const events = platformContexts.flatMap((c) => c.events);
const commands = platformContexts.flatMap((c) => c.commands);
const asyncapi = parse(docs.get('asyncapi.yaml')!) as Json;

/** Follows a local JSON pointer (`#/a/b`) through the document. */
const resolve = (doc: Json, ref: string): unknown =>
  ref
    .slice(2)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>((node, key) => (node as Json | undefined)?.[key], doc);

const collectRefs = (node: unknown): string[] => {
  if (Array.isArray(node)) return node.flatMap(collectRefs);
  if (node === null || typeof node !== 'object') return [];
  return Object.entries(node).flatMap(([k, v]) => (k === '$ref' && typeof v === 'string' ? [v] : collectRefs(v)));
};

/** Paths of properties (at any depth, through unions) that have no description. */
const undescribed = (schema: Json, path = ''): string[] => {
  const properties = (schema.properties ?? {}) as Record<string, Json>;
  const own = Object.entries(properties).flatMap(([name, prop]) => [
    ...(typeof prop.description === 'string' && prop.description.length > 0 ? [] : [`${path}${name}`]),
    ...undescribed(prop, `${path}${name}.`),
  ]);
  const branches = ((schema.oneOf ?? schema.anyOf ?? []) as Json[]).flatMap((b, i) => undescribed(b, `${path}[${i}].`));
  const items = schema.items ? undescribed(schema.items as Json, `${path}[].`) : [];
  return [...own, ...branches, ...items];
};

describe('generated docs', () => {
  it('are deterministic: same bytes on every run and whatever order the contexts are listed in', () => {
    const again = renderDocs(platformContexts, contractsVersion());
    expect([...again]).toEqual([...docs]);
    const reversed = renderDocs([...platformContexts].reverse(), contractsVersion());
    expect([...reversed]).toEqual([...docs]);
    expect([...docs.keys()]).toEqual([...docs.keys()].sort());
  });

  it('match the committed docs/events (run `npm run contracts:generate` if this fails)', () => {
    const dir = scratch();
    writeTree(dir, docs);
    const diff = diffTrees(readTree(dir), readTree(docsEventsDir));
    expect(diff).toEqual({ missing: [], changed: [], extra: [] });
  });

  it('hold a JSON Schema 2020-12 per event version and per command, every field described', () => {
    for (const e of events) {
      const versions = [...e.history.map((h) => h.schemaVersion), e.schemaVersion];
      for (const v of versions) {
        const schema = JSON.parse(docs.get(`schemas/${e.context}/${e.type}.v${v}.json`)!) as Json;
        expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
        expect(schema.title).toBe(`${e.type} v${v}`);
        expect(schema.type).toBe('object');
        expect(undescribed(schema), `${e.type} v${v}`).toEqual([]);
        for (const field of e.personalData) expect((schema.properties as Record<string, Json>)[field]!['x-personal-data']).toBe(true);
      }
    }
    for (const c of commands) {
      const schema = JSON.parse(docs.get(`schemas/${c.context}/commands/${c.type}.json`)!) as Json;
      expect(schema.additionalProperties).toBe(false);
      expect(schema['x-rooftop-roles']).toEqual([...c.roles].sort());
      expect(schema['x-rooftop-subject']).toBe(`rooftop.{storeId}.${c.context}.cmd.${c.name}`);
      expect(undescribed(schema), c.type).toEqual([]);
    }
    const expected = events.reduce((n, e) => n + e.history.length + 1, 0) + commands.length + 2;
    expect(docs.size).toBe(expected);
  });

  it('hold an AsyncAPI 3.0.0 document with one receive channel per event', () => {
    expect(asyncapi.asyncapi).toBe('3.0.0');
    const channels = asyncapi.channels as Record<string, Json>;
    const operations = asyncapi.operations as Record<string, Json>;
    expect(Object.keys(channels)).toHaveLength(events.length);
    for (const e of events) {
      const channel = channels[`${e.context}.${e.type}`]!;
      expect(channel.address).toBe(eventSubjectTemplate(e.context, e.type));
      expect(Object.keys(channel.parameters as Json).sort()).toEqual(['groupId', 'storeId']);
      expect(Object.keys(channel.messages as Json)).toHaveLength(e.history.length + 1);
      const operation = operations[`receive${e.type}`]!;
      expect(operation.action).toBe('receive');
      expect(resolve(asyncapi, (operation.channel as Json).$ref as string)).toBe(channel);
    }
  });

  it('describe each message as a CloudEvents envelope whose data is the event schema', () => {
    const schemas = (asyncapi.components as Json).schemas as Record<string, Json>;
    const envelope = schemas.CloudEvent!;
    expect(envelope.required).toEqual(
      expect.arrayContaining([
        'specversion',
        'id',
        'source',
        'type',
        'time',
        'data',
        'storeid',
        'groupid',
        'streamid',
        'streamversion',
        'position',
        'schemaversion',
        'correlationid',
      ]),
    );
    expect(schemas.NatsHeaders!.required as string[]).toEqual(['Nats-Msg-Id']);
    const delivered = (asyncapi.components as Json).messages as Record<string, Json>;
    const message = delivered['sales.VehicleDelivered.v1']!;
    expect(message.contentType).toBe('application/cloudevents+json');
    const [base, narrowed] = (message.payload as Json).allOf as Json[];
    expect(resolve(asyncapi, base!.$ref as string)).toBe(envelope);
    const data = resolve(asyncapi, ((narrowed!.properties as Json).data as Json).$ref as string) as Json;
    expect(Object.keys(data.properties as Json)).toEqual(expect.arrayContaining(['vin', 'plate', 'contactConsent', 'policySold', 'financing']));
    expect(data.$schema).toBeUndefined();
    expect(((narrowed!.properties as Json).type as Json).const).toBe('rooftop.sales.VehicleDelivered.v1');
    expect(message.description).toContain('maskedfields');
  });

  it('contain only resolvable $refs and no YAML aliases', () => {
    const refs = collectRefs(asyncapi);
    expect(refs.length).toBeGreaterThan(events.length * 3);
    for (const ref of refs) expect(resolve(asyncapi, ref), ref).toBeDefined();
    expect(docs.get('asyncapi.yaml')).not.toMatch(/^\s*[\w.-]+: [&*]\w/m);
  });

  it('list every event and command in the catalog with subject, roles and personal data', () => {
    const catalog = docs.get('README.md')!;
    for (const e of events) expect(catalog).toContain(`| ${e.type} | [v${e.schemaVersion}]`);
    for (const c of commands) expect(catalog).toContain(`\`rooftop.{storeId}.${c.context}.cmd.${c.name}\``);
    expect(catalog).toMatch(/\| LeadCaptured \|.*\| `customerName`, `customerPhone` \|/);
    expect(catalog).toMatch(/\[ApproveDiscount\].*`admin`, `general_manager`, `sales_manager`/);
  });
});

describe('generated docs for an event with history', () => {
  // Test-only context: a v3 event whose v1 and v2 stay published and documented.
  const field = (d: string) => z.string().describe(d);
  const Reworked = defineEvent({
    context: 'demo',
    type: 'ThingReworked',
    description: 'test-only event with two older versions',
    schemaVersion: 3,
    schema: z.object({ c: field('v3 field') }),
    personalData: ['c'],
    history: [
      { schemaVersion: 1, schema: z.object({ a: field('v1 field') }), upcast: (d) => ({ b: (d as { a: string }).a }) },
      { schemaVersion: 2, schema: z.object({ b: field('v2 field') }), upcast: (d) => ({ c: (d as { b: string }).b }) },
    ],
  });
  const demo = defineContext({ context: 'demo', description: 'demo context', events: [Reworked], commands: [] });
  const tree = renderDocs([demo], '9.9.9');
  const doc = parse(tree.get('asyncapi.yaml')!) as Json;

  it('writes one schema file per published version, each with its own fields', () => {
    for (const [v, name] of [
      [1, 'a'],
      [2, 'b'],
      [3, 'c'],
    ] as const) {
      const schema = JSON.parse(tree.get(`schemas/demo/ThingReworked.v${v}.json`)!) as Json;
      expect(Object.keys(schema.properties as Json)).toEqual([name]);
      expect(schema['x-rooftop-schema-version']).toBe(v);
    }
    expect(
      (JSON.parse(tree.get('schemas/demo/ThingReworked.v1.json')!) as { properties: Record<string, Json> }).properties.a!['x-personal-data'],
    ).toBeUndefined();
  });

  it('lists every version as a message of the one channel and operation', () => {
    const channel = (doc.channels as Record<string, Json>)['demo.ThingReworked']!;
    expect(Object.keys(channel.messages as Json)).toEqual(['ThingReworked.v1', 'ThingReworked.v2', 'ThingReworked.v3']);
    const operation = (doc.operations as Record<string, Json>).receiveThingReworked!;
    expect((operation.messages as Json[]).map((m) => resolve(doc, m.$ref as string))).toEqual(Object.values(channel.messages as Json));
    const v2 = ((doc.components as Json).messages as Record<string, Json>)['demo.ThingReworked.v2']!;
    const narrowed = ((v2.payload as Json).allOf as Json[])[1]!.properties as Record<string, Json>;
    expect(narrowed.schemaversion!.const).toBe(2);
    expect((doc.info as Json).version).toBe('9.9.9');
  });

  it('shows the versions newest first in the catalog', () => {
    expect(tree.get('README.md')).toContain('[v3](schemas/demo/ThingReworked.v3.json), [v2](schemas/demo/ThingReworked.v2.json), [v1]');
  });
});

describe('docs tree', () => {
  it('writeTree removes files the contracts no longer produce', () => {
    const dir = scratch();
    writeFileSync(join(dir, 'Stale.v1.json'), '{}');
    const { removed } = writeTree(dir, docs);
    expect(removed).toEqual(['Stale.v1.json']);
    expect(isClean(diffTrees(docs, readTree(dir)))).toBe(true);
  });

  it('diffTrees names changed, missing and extra files', () => {
    const actual = new Map(docs);
    actual.set('README.md', 'edited by hand');
    actual.delete('asyncapi.yaml');
    actual.set('schemas/sales/Ghost.v1.json', '{}');
    expect(diffTrees(docs, actual)).toEqual({ changed: ['README.md'], missing: ['asyncapi.yaml'], extra: ['schemas/sales/Ghost.v1.json'] });
  });
});
