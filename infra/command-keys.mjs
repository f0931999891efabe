#!/usr/bin/env node
// Prints fresh command issuer keys (docs/commands.md, "Who may send a command") as an env file for docker compose:
//
//   node infra/command-keys.mjs > .env        # then: ROOFTOP_JWT_SECRET=… docker compose up --build
//
// ROOFTOP_COMMAND_ISSUER_KEYS (public keys, for the services), ROOFTOP_GATEWAY_SIGNING_KEY (the gateways' private
// key) and ROOFTOP_SIMULATOR_SIGNING_KEY (for `npm run simulate` against the deployment: COMMAND_SIGNING_KEY).
// Rotation: add a new key pair under a new kid to COMMAND_ISSUER_KEYS, restart the services, switch the signer,
// then drop the old kid.
import { commandKeys } from './start/command-keys.mjs';

const keys = commandKeys();
process.stdout.write(
  [
    `ROOFTOP_COMMAND_ISSUER_KEYS='${keys.issuerKeys}'`,
    `ROOFTOP_GATEWAY_SIGNING_KEY='${keys.gatewaySigningKey}'`,
    `ROOFTOP_SIMULATOR_SIGNING_KEY='${keys.simulatorSigningKey}'`,
    '',
  ].join('\n'),
);
