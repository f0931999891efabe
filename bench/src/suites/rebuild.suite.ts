import { RooftopError } from '@rooftop/eventsourcing';
import { emmettRebuild } from '../peers/emmett-rebuild.js';
import { countProjectedSql } from '../read-model.js';
import { profileRebuild } from '../rooftop/rebuild-profile.js';
import { openRunner, totalsProjectionName } from '../rooftop/rooftop-rebuild.js';
import { perSecond, repeatFor } from '../stats.js';
import { toRow, type BenchSuite } from '../suite.js';
import { emmettLog, ourLog, readBatchSize } from './logs.js';

/**
 * Emmett's rebuild applies one event per handler call and stores a checkpoint per event (~1.6k events/s
 * here), so it replays a smaller log to keep a full run within minutes. Its cost per event is flat in the
 * log size (its reader's per-batch sort grows, which only makes a smaller log flatter it).
 */
export const peerRebuildEvents = 20_000;

const projected = async (query: (sql: string) => Promise<{ rows: Array<{ events: string | number | bigint }> }>, table: string) =>
  Number((await query(countProjectedSql(table))).rows[0]?.events ?? 0);

export const rebuildSuite: BenchSuite = {
  name: 'rebuild',
  description: `projection rebuild from 0 into a set-based read model (one upsert from unnest(...) per batch of ${readBatchSize})`,
  async run(context) {
    const { events, durationMs } = context.options;
    const ours = await ourLog(context, events);
    const runner = await openRunner(ours.database.pool, ours.store, readBatchSize);
    const oursRun = await repeatFor(durationMs / 2, async () => {
      await runner.rebuild(totalsProjectionName);
      const seen = await projected((sql) => ours.database.pool.query(sql), `read.${totalsProjectionName}`);
      if (seen !== events) throw new RooftopError('INTERNAL', `rebuild projected ${seen} of ${events} events`);
      return events;
    });
    const oursRate = perSecond(oursRun.events, oursRun.elapsedMs);
    context.log(`  ours: ${Math.round(oursRate)} events/s over ${oursRun.passes} rebuild(s)`);
    const profile = await profileRebuild(ours.store, ours.database.pool, readBatchSize);
    context.log(
      `  profile, each part alone: read + decode ${Math.round(profile.readAndDecode)} events/s (read without decode ${Math.round(profile.readOnly)}), upsert ${Math.round(profile.upsert)} events/s`,
    );

    let peerRate: number | undefined;
    if (context.options.peer) {
      const peerEvents = Math.min(events, peerRebuildEvents);
      const peer = await emmettLog(context, peerEvents);
      // Emmett's rebuild resumes from its stored checkpoint, so a second pass on one database replays nothing: one pass.
      const started = performance.now();
      await emmettRebuild(peer.peer, readBatchSize);
      const elapsed = performance.now() - started;
      const seen = await projected((sql) => peer.database.pool.query(sql), 'bench_vehicle_totals');
      if (seen !== peerEvents) throw new RooftopError('INTERNAL', `Emmett rebuild projected ${seen} of ${peerEvents} events`);
      peerRate = perSecond(peerEvents, elapsed);
      context.log(`  emmett: ${Math.round(peerRate)} events/s over one rebuild of ${peerEvents} events`);
    }
    return [
      toRow({ name: `rebuild (${events} events)`, value: oursRate, unit: 'events/s', target: { op: '>=', value: 80_000 }, peer: peerRate }),
      toRow({ name: '  rebuild part alone: read + decode', value: profile.readAndDecode, unit: 'events/s' }),
      toRow({ name: '  rebuild part alone: read, no decode', value: profile.readOnly, unit: 'events/s' }),
      toRow({ name: '  rebuild part alone: upsert', value: profile.upsert, unit: 'events/s' }),
    ];
  },
};
