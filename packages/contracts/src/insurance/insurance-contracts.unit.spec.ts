import { ValidationError } from '@rooftop/eventsourcing';
import { describe, expect, it } from 'vitest';
import { parseWith } from '../define.js';
import { platformRegistry } from '../platform.js';
import { insuranceCommands, insuranceContracts, insuranceEvents, SellNewPolicy } from './index.js';

const cny = (amount: number) => ({ amount, currency: 'CNY' });
const failingPaths = (data: unknown): string[] => {
  try {
    parseWith(SellNewPolicy.schema, data, 'test');
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).issues.map((i) => i.path);
  }
  throw new Error('expected a ValidationError');
};

describe('insurance contracts', () => {
  it('are registered in the platform registry, and admin may send every command', () => {
    expect(insuranceContracts.context).toBe('insurance');
    for (const e of insuranceEvents) expect(platformRegistry.event(e.type)).toBe(e);
    for (const c of insuranceCommands) {
      expect(platformRegistry.command('insurance', c.name)).toBe(c);
      expect(c.roles, c.type).toContain('admin');
    }
    expect(insuranceCommands.find((c) => c.type === 'OpenRenewalOpportunity')!.roles).toContain('system');
  });

  it('need the compulsory cover, each cover once', () => {
    const sale = {
      policyId: 'p-1',
      vin: 'LS5A3DKE0NA123456',
      brand: '长安',
      model: 'CS75',
      customerId: 'c-1',
      insurer: '人保',
      coverages: [
        { kind: 'compulsory', premium: cny(95_000) },
        { kind: 'vehicle_damage', premium: cny(300_000), sumInsured: cny(12_000_000) },
      ],
      commission: cny(40_000),
      startsOn: '2026-03-01',
      endsOn: '2027-02-28',
    };
    expect(parseWith(SellNewPolicy.schema, sale, 'test')).toEqual(sale);
    expect(failingPaths({ ...sale, coverages: [{ kind: 'vehicle_damage', premium: cny(1) }] })).toEqual(['coverages']);
    expect(failingPaths({ ...sale, coverages: [sale.coverages[0], sale.coverages[0]] })).toEqual(['coverages']);
    expect(failingPaths({ ...sale, commission: cny(-1) })).toEqual(['commission.amount']);
  });
});
