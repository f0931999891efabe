// The demo's integrator: one grant (an OEM that sees every store's sales events, personal data masked), its NATS
// user made with the session's credentials (the INTEGRATORS account, @rooftop/nats-security), and the feed that
// fills its stream INTEGRATOR_DEMO_OEM from GROUP_EVENTS, as `integrators run` does at HQ (docs/integrators.md).

export const DEMO_INTEGRATOR = 'demo-oem';

export async function startDemoIntegrator({ groupId, nats, projector, running, log }) {
  // Imported here: dist/, built by `npm start` after this module loads.
  const { connect } = await import('@nats-io/transport-node');
  const { jetstream, jetstreamManager } = await import('@nats-io/jetstream');
  const { platformRegistry } = await import('@rooftop/contracts');
  const { natsConnectionOptionsFromEnv } = await import('@rooftop/platform');
  const { directoryTimeZones, parseGrant, startIntegrators } = await import('@rooftop/integrator-grants');
  const grant = parseGrant({ name: DEMO_INTEGRATOR, groupId, stores: '*', contexts: ['sales'], personalData: false }, platformRegistry);
  // Two users, two accounts: HQ's integrator-feed reads GROUP_EVENTS, the INTEGRATORS one writes the stream.
  const hq = await connect({
    ...natsConnectionOptionsFromEnv(nats.env({ zone: 'hq', user: 'integrator-feed' }), 'rooftop-demo-feed-hq'),
    maxReconnectAttempts: -1,
  });
  const own = await connect({
    ...natsConnectionOptionsFromEnv(nats.env({ zone: 'integrators', user: 'integrator-feed' }), 'rooftop-demo-feed'),
    maxReconnectAttempts: -1,
  });
  const feeds = await startIntegrators({
    js: jetstream(own),
    jsm: await jetstreamManager(own),
    sourceJs: jetstream(hq),
    registry: platformRegistry,
    grants: [{ grant }],
    timeZoneOf: directoryTimeZones(projector.pool, projector.config.HQ_SCHEMA),
  });
  running.push({
    name: 'integrator feed',
    close: async () => {
      await feeds.close();
      await hq.drain();
      await own.drain();
    },
  });
  log(`integrator feed: GROUP_EVENTS → INTEGRATOR_DEMO_OEM (grant ${DEMO_INTEGRATOR}: sales of every store, personal data masked)`);
  const user = `integrators/${DEMO_INTEGRATOR}`;
  return {
    name: DEMO_INTEGRATOR,
    server: nats.hubUrl,
    seedFile: nats.seedFile(user),
    inboxPrefix: nats.env({ zone: 'integrators', user: `integrator:${DEMO_INTEGRATOR}` }).NATS_INBOX_PREFIX,
  };
}
