import SchemaBuilder from '@pothos/core';
import RelayPlugin from '@pothos/plugin-relay';
import { type GatewayContext } from './context.js';

/** The one Pothos builder; every `schema/<context>/<type>.ts` adds its types to it. */
export const builder = new SchemaBuilder<{
  Context: GatewayContext;
  Scalars: {
    Date: { Input: string; Output: string };
    JSON: { Input: unknown; Output: unknown };
  };
  // Object fields are non-null unless marked; root fields are nullable (below) so one refused or failed
  // field leaves the rest of a response intact.
  DefaultFieldNullability: false;
  DefaultEdgesNullability: false;
  DefaultNodeNullability: false;
}>({
  defaultFieldNullability: false,
  plugins: [RelayPlugin],
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    // Global node lookup would be one more door to guard; nothing here needs refetch by id.
    nodeQueryOptions: false,
    nodesQueryOptions: false,
    edgesFieldOptions: { nullable: false },
    nodeFieldOptions: { nullable: false },
  },
});

builder.queryType({ description: 'Reads: KPIs and reports of the stores in your scope.' });
builder.mutationType({ description: 'Commands: each is sent to its service over NATS and returns its result.' });
