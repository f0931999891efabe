import { parts as p } from '@rooftop/contracts';
import { PARTS_KPI_STOCK } from '@rooftop/kpis';
import { READ_ROLES, authorizeRead } from '../../auth/scope.js';
import { builder } from '../../builder.js';
import { gatewayError } from '../../errors.js';
import { rethrowTyped } from '../typed-errors.js';

export interface LowStockRow {
  readonly storeId: string;
  readonly partNumber: string;
  readonly name: string;
  readonly kind: string;
  readonly brand: string;
  readonly onHand: number;
  readonly reorderPoint: number;
  readonly stockValueFen: number;
  readonly lastMovementOn: string | null;
}

const PartKindEnum = builder.enumType('PartKind', { values: p.PART_KINDS, description: 'genuine (纯正配件), accessory (精品) or care_product (养护产品)' });

const LowStockItem = builder.objectRef<LowStockRow>('LowStockItem').implement({
  description: 'A part whose stock is at or below its reorder point (the parts counter’s reorder work list).',
  fields: (t) => ({
    storeId: t.exposeID('storeId'),
    partNumber: t.exposeString('partNumber'),
    name: t.exposeString('name'),
    kind: t.field({
      type: PartKindEnum,
      nullable: true,
      resolve: (r) => ((p.PART_KINDS as readonly string[]).includes(r.kind) ? (r.kind as p.PartKind) : null),
    }),
    brand: t.exposeString('brand'),
    onHand: t.exposeInt('onHand', { description: 'Units on hand in the store (all bins).' }),
    reorderPoint: t.exposeInt('reorderPoint'),
    shortfall: t.int({ description: 'reorderPoint − onHand (0 when exactly at the reorder point).', resolve: (r) => r.reorderPoint - r.onHand }),
    stockValueFen: t.float({ description: 'Value at moving-average cost, in fen.', resolve: (r) => r.stockValueFen }),
    lastMovementOn: t.field({ type: 'Date', nullable: true, description: 'Business date of the last stock movement.', resolve: (r) => r.lastMovementOn }),
  }),
});

const MAX_ROWS = 200;

builder.queryField('lowStock', (t) =>
  t.field({
    nullable: true,
    type: [LowStockItem],
    description: 'Parts at or below their reorder point per store, largest shortfall first (from the parts stock list the parts projection keeps).',
    args: {
      storeIds: t.arg.idList({ required: false }),
      kind: t.arg({ type: PartKindEnum, required: false }),
      first: t.arg.int({ required: false, defaultValue: 50 }),
    },
    resolve: async (_root, args, ctx) => {
      const storeIds = authorizeRead(ctx.auth, ctx.deployment, { roles: READ_ROLES.workshop, storeIds: args.storeIds?.map(String) ?? null });
      const first = args.first ?? 50;
      const readSchema = ctx.readSchema;
      if (first < 1 || first > MAX_ROWS) throw gatewayError('VALIDATION_FAILED', `first must be 1–${MAX_ROWS}`);
      const { rows } = await rethrowTyped(() =>
        ctx.db.query<LowStockRow>(
          `SELECT store_id AS "storeId", part_number AS "partNumber", name, part_kind AS kind, brand, on_hand AS "onHand", reorder_point AS "reorderPoint",
                  stock_value_fen::float8 AS "stockValueFen", to_char(last_movement_on, 'YYYY-MM-DD') AS "lastMovementOn"
             FROM ${readSchema}.${PARTS_KPI_STOCK}
            WHERE store_id = ANY($1::text[]) AND on_hand <= reorder_point AND ($2::text IS NULL OR part_kind = $2)
            ORDER BY reorder_point - on_hand DESC, store_id, part_number
            LIMIT $3`,
          [storeIds, args.kind ?? null, first],
        ),
      );
      return rows;
    },
  }),
);
