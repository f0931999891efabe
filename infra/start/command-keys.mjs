// Command issuers' key pairs (docs/adr/0020): made afresh, never written to disk by `npm start`. Services get only
// the public keys (COMMAND_ISSUER_KEYS); a gateway gets its private key (COMMAND_SIGNING_KEY); the demo's simulator
// signs in the `npm start` process. Only the simulator is a clock authority: it drives simulated months, so its
// commands carry their own business time.
import { generateKeyPairSync } from 'node:crypto';

const keyPair = (kid) => {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return { kid, publicKey, privateKey };
};

const issuerEntry = (pair, clock) => ({ key: pair.publicKey.export({ format: 'jwk' }), roles: '*', stores: '*', clock });

const signingKey = (pair) => JSON.stringify({ ...pair.privateKey.export({ format: 'jwk' }), kid: pair.kid });

/** The gateways' issuer and the simulator's (a clock authority), as COMMAND_ISSUER_KEYS and both signing keys. */
export function commandKeys({ gatewayKid = 'gateway', simulatorKid = 'simulator' } = {}) {
  const gateway = keyPair(gatewayKid);
  const simulator = keyPair(simulatorKid);
  return {
    issuerKeys: JSON.stringify({ [gateway.kid]: issuerEntry(gateway, false), [simulator.kid]: issuerEntry(simulator, true) }),
    gatewaySigningKey: signingKey(gateway),
    simulatorSigningKey: signingKey(simulator),
    simulator: { kid: simulator.kid, privateKey: simulator.privateKey },
  };
}
