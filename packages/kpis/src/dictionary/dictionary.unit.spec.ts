import { platformRegistry } from '@rooftop/contracts';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { KPI_DOC_PATH } from '../../scripts/doc-path.js';
import { factTableDdl } from '../facts/fact-table.js';
import { findKpi, kpiDictionary, kpisNamed, renderKpiDoc } from './index.js';
import { KPI_UNITS, STORE_TARGET_MEASURES, STORE_TARGET_UNITS, type StoreTargetMeasure, factOf, isStoreTargetMeasure } from './types.js';

const REQUIRED_SALES = [
  'sales.leads',
  'sales.firstVisits',
  'sales.arrivalRate',
  'sales.testDriveRate',
  'sales.closeRate',
  'sales.orders',
  'sales.deliveries',
  'sales.revenue',
  'sales.grossProfitPerUnit',
  'sales.targetAttainment',
  'sales.onlineOrders',
  'sales.daysLeadToOrder',
];

const REQUIRED_WORKSHOP = [
  'workshop.vehiclesIn',
  'workshop.appointmentRate',
  'workshop.noShowRate',
  'workshop.output',
  'workshop.avgOutputPerRepairVehicle',
  'workshop.avgOutputPerInsuranceVehicle',
  'workshop.outputPerTechnician',
  'workshop.comebackRate',
  'workshop.warrantyApprovalRate',
  'workshop.followUpOnTimeRate',
  'workshop.csi',
  'workshop.complaints',
  'workshop.loyalCustomers',
  'workshop.lostCustomers',
  'workshop.bodyPaintShare',
];

const factTables = [...new Map(kpiDictionary.map((k) => [k.factTable.table, k.factTable])).values()];

describe('KPI dictionary', () => {
  it('defines every sales and workshop KPI the issues ask for', () => {
    for (const name of [...REQUIRED_SALES, ...REQUIRED_WORKSHOP]) expect(findKpi(name), name).toBeDefined();
  });

  it('has unique, stable names prefixed by their domain', () => {
    const names = kpiDictionary.map((k) => k.name);
    expect(new Set(names).size).toBe(names.length);
    for (const kpi of kpiDictionary) expect(kpi.name).toMatch(new RegExp(`^${kpi.domain}\\.[a-z][A-Za-z]*$`));
  });

  it('labels every KPI in English and Chinese, with a formula text, a unit and a positive version', () => {
    for (const kpi of kpiDictionary) {
      expect(kpi.labels.en.trim(), kpi.name).not.toBe('');
      expect(kpi.labels.zh, kpi.name).toMatch(/[\u4e00-\u9fff]/);
      expect(kpi.formula.text.trim(), kpi.name).not.toBe('');
      expect(KPI_UNITS).toContain(kpi.unit);
      expect(Number.isInteger(kpi.version) && kpi.version >= 1, kpi.name).toBe(true);
    }
  });

  it('reads only facts its fact table has, and names the events that move them', () => {
    for (const kpi of kpiDictionary) {
      const columns = kpi.factTable.measures.map((m) => m.column);
      expect(columns, kpi.name).toContain(kpi.formula.numerator.fact);
      const d = kpi.formula.denominator;
      if (d && 'fact' in d) expect(columns, kpi.name).toContain(d.fact);
      if (d && 'distinct' in d)
        expect(
          kpi.factTable.dimensions.map((x) => x.dimension),
          kpi.name,
        ).toContain(d.distinct);
      if (d && 'target' in d) expect(kpi.target, `${kpi.name} is measured against the target it divides by`).toBe(d.target);
      const ratio = kpi.unit === 'ratio';
      if (ratio) expect(d, `${kpi.name} is a ratio, so it needs a denominator`).toBeDefined();
    }
    for (const table of factTables) for (const measure of table.measures) expect(measure.events.length, measure.column).toBeGreaterThan(0);
  });

  it('uses every fact column of every table and creates each of them, with store_id first in the key', () => {
    const used = new Set(kpiDictionary.flatMap((k) => [k.formula.numerator.fact, factOf(k.formula.denominator)].filter((c) => c !== undefined)));
    expect(factTables.map((t) => t.table)).toEqual([
      'sales_kpi_facts',
      'workshop_kpi_facts',
      'workshop_kpi_technician_facts',
      'insurance_kpi_facts',
      'insurance_kpi_staff_facts',
      'parts_kpi_facts',
      'hr_kpi_facts',
      'hr_kpi_commission_facts',
    ]);
    for (const table of factTables) {
      const ddl = factTableDdl(table);
      expect(ddl).toContain('PRIMARY KEY (store_id, business_date');
      for (const { column } of table.measures) {
        expect(used, `${column} is read by some KPI`).toContain(column);
        expect(ddl).toContain(`${column} bigint NOT NULL`);
      }
    }
  });

  it('gives the workshop KPIs that have one the standard the documents state', () => {
    expect(findKpi('workshop.csi')?.benchmark).toEqual({ op: '>=', value: 0.93 });
    expect(findKpi('workshop.comebackRate')?.benchmark).toEqual({ op: '<=', value: 0.02 });
    expect(findKpi('workshop.avgOutputPerRepairVehicle')?.benchmark).toEqual({ op: '>=', value: 80_000 });
  });

  it('compares the after-sales KPIs with a store target of their own unit, each measure with exactly one KPI', () => {
    const withStoreTargets = kpiDictionary.filter((kpi) => kpi.target !== undefined && isStoreTargetMeasure(kpi.target));
    expect(Object.fromEntries(withStoreTargets.map((kpi) => [kpi.target, kpi.name]))).toEqual({
      afterSalesRevenue: 'workshop.output',
      repairVehicles: 'workshop.vehiclesIn',
      claimRepairOutput: 'insurance.claimRepairOutput',
      partsPurchases: 'parts.purchases',
      accessorySales: 'parts.accessorySales',
      renewalPremium: 'insurance.renewalPremium',
    });
    expect(withStoreTargets).toHaveLength(STORE_TARGET_MEASURES.length);
    for (const kpi of withStoreTargets) expect(kpi.unit, kpi.name).toBe(STORE_TARGET_UNITS[kpi.target as StoreTargetMeasure]);
  });

  it('rejects unknown KPI names with a typed error naming them', () => {
    expect(() => kpisNamed(['sales.leads', 'sales.nope'])).toThrow(
      expect.objectContaining({ code: 'VALIDATION_FAILED', message: expect.stringContaining('sales.nope') }),
    );
  });

  it('says for every KPI which date it is counted on, naming a real event or data field', () => {
    const doc = renderKpiDoc(kpiDictionary);
    for (const kpi of kpiDictionary) {
      const line = doc.split('\n').find((l) => l.startsWith(`- **\`${kpi.name}\`**`));
      expect(line, kpi.name).toMatch(/Counted on the business date, in the store's time zone, of /);
    }
    for (const table of new Set(kpiDictionary.map((k) => k.factTable))) {
      for (const m of table.measures.filter((x) => x.datedBy !== undefined)) {
        const named = /^([A-Z][A-Za-z]+)/.exec(m.datedBy!)?.[1];
        expect(named === undefined ? /^(data\.|the )/.test(m.datedBy!) : platformRegistry.event(named) !== undefined, `${table.table}.${m.column}`).toBe(true);
      }
    }
  });

  it('docs/kpis.md is the rendering of the dictionary (run `npm run -w @rooftop/kpis docs` after a change)', () => {
    expect(readFileSync(KPI_DOC_PATH, 'utf8')).toBe(renderKpiDoc(kpiDictionary));
  });
});
