import { EventsClient, FileCheckpointStore } from '@rooftop/events-client';

export interface QuickstartOptions {
  /** HQ's NATS, e.g. `nats://hq.example.com:4222`. */
  readonly servers: string;
  /** The name in your grant, e.g. `acme-crm`. */
  readonly integrator: string;
  /** Your nkey seed (`SU…`), handed over once when the grant was issued. Keep it secret. */
  readonly seed: string;
  /** Where the client keeps its place (a restart resumes after the last event handled). */
  readonly checkpointFile: string;
  readonly log?: (line: string) => void;
}

export const quickstart = async ({ servers, integrator, seed, checkpointFile, log = console.log }: QuickstartOptions) => {
  const client = new EventsClient({
    servers,
    integrator,
    seed,
    checkpoints: new FileCheckpointStore(checkpointFile),
    // An event of a store arrived, but not the one that came before it in your stream.
    onGap: (gap) => log(`gap: store ${gap.storeId} is missing events between positions ${gap.expectedPrevious} and ${gap.position}`),
  });

  client.on('sales.LeadCaptured', (event) => {
    // Without the personal-data grant the phone is '***' and event.maskedFields names it.
    log(`lead ${event.data.leadId} at ${event.storeId} on ${event.businessDate}, phone ${event.data.customerPhone}`);
  });

  client.on('sales.VehicleDelivered', (event) => {
    // businessDate is the day in the store's own time zone (event.storeTimeZone): the day every report counts it on.
    log(`delivered ${event.data.brand} ${event.data.model} (VIN ${event.data.vin}) at ${event.storeId} on ${event.businessDate}`);
  });

  await client.start(); // from the checkpoint; { businessDate: '2026-03-01' } or { sequence: 1 } to replay
  return client; // client.stop() when you are done
};
