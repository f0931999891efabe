import { type Command, RooftopError, ValidationError } from '@rooftop/eventsourcing';
import { describe, expect, it } from 'vitest';
import { assertHandlesEvery, handleInProcess, mergeRoutes, route } from './messages.js';
import { workshop as w, workshopContracts } from './index.js';

const ok = (command: Command) => Promise.resolve({ commandId: command.commandId, streamId: 's', streamVersion: 1, events: [] });
const command = (type: string, data: unknown): Command => ({
  commandId: 'c-1',
  type,
  storeId: 'store-1',
  actor: { kind: 'system', id: 'test', roles: ['system'] },
  data,
  metadata: { now: '2026-03-02T10:00:00+08:00', correlationId: 'c-1' },
});
const everyRoute = () => [
  route(w.appointmentCommands, ok),
  route(w.repairOrderCommands, ok),
  route(w.rosterCommands, ok),
  route(w.warrantyClaimCommands, ok),
  route(w.complaintCommands, ok),
  route(w.vehicleCommands, ok),
  route(w.followUpCommands, ok),
];

describe('handler maps from the contracts', () => {
  it('route every command of a contract array to its handler, validating the data against its own contract', async () => {
    const handlers = route(w.rosterCommands, ok);
    expect(Object.keys(handlers)).toEqual(['RegisterTechnician', 'DeactivateTechnician']);
    const error = await handleInProcess('workshop', handlers, command('DeactivateTechnician', { technicianId: '' })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(new Set((error as ValidationError).issues.map((i) => i.path))).toEqual(new Set(['technicianId']));
  });

  it('accept a map with exactly the context commands', () => {
    expect(() => assertHandlesEvery(workshopContracts, mergeRoutes(...everyRoute()))).not.toThrow();
  });

  it('refuse a command routed twice', () => {
    expect(() => mergeRoutes(...everyRoute(), route([w.DispatchJob], ok))).toThrow(
      expect.objectContaining({ code: 'DUPLICATE_HANDLER', details: { type: 'DispatchJob' } }),
    );
  });

  it('refuse a map that misses a command or serves one no contract publishes', () => {
    const [, ...withoutAppointments] = everyRoute();
    const missing = () => assertHandlesEvery(workshopContracts, mergeRoutes(...withoutAppointments));
    expect(missing).toThrow(RooftopError);
    expect(missing).toThrow(
      expect.objectContaining({
        code: 'HANDLERS_MISMATCH',
        details: expect.objectContaining({ missing: w.appointmentCommands.map((c) => c.type), unknown: [] }),
      }),
    );
    const extra = { ...mergeRoutes(...everyRoute()), CaptureLead: ok };
    expect(() => assertHandlesEvery(workshopContracts, extra)).toThrow(
      expect.objectContaining({ details: expect.objectContaining({ missing: [], unknown: ['CaptureLead'] }) }),
    );
  });

  it('answer a command type with no handler with UNKNOWN_COMMAND, also for names on the object prototype', async () => {
    const handlers = mergeRoutes(...everyRoute());
    await expect(handleInProcess('workshop', handlers, command('Nope', {}))).rejects.toMatchObject({ code: 'UNKNOWN_COMMAND' });
    await expect(handleInProcess('workshop', handlers, command('constructor', {}))).rejects.toMatchObject({ code: 'UNKNOWN_COMMAND' });
  });
});
