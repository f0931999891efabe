import { describe, expect, it } from 'vitest';
import { createLogger, currentLogContext, withLogContext } from './logging.js';

const capture = () => {
  const lines: string[] = [];
  const destination = { write: (line: string) => void lines.push(line) };
  const records = () => lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  return { destination, lines, records };
};

describe('createLogger', () => {
  it('writes JSON lines with service, group, store, level label and ISO time', () => {
    const out = capture();
    const logger = createLogger({ service: 'workshop', groupId: 'acme', storeId: 'store-01', destination: out.destination });
    logger.info({ repairOrderId: 'ro-1' }, 'repair order opened');
    const [record] = out.records();
    expect(record).toMatchObject({
      level: 'info',
      service: 'workshop',
      groupId: 'acme',
      storeId: 'store-01',
      repairOrderId: 'ro-1',
      msg: 'repair order opened',
    });
    expect(new Date(String(record?.time)).toISOString()).toBe(record?.time);
  });

  it('respects the level', () => {
    const out = capture();
    const logger = createLogger({ service: 'sales', level: 'warn', destination: out.destination });
    logger.info('hidden');
    logger.warn('shown');
    expect(out.records().map((r) => r.msg)).toEqual(['shown']);
  });

  it('redacts phone numbers, id numbers and credentials at any of the usual depths', () => {
    const out = capture();
    const logger = createLogger({ service: 'sales', destination: out.destination, redact: ['data.customer.address'] });
    logger.info(
      {
        phone: '13800138000',
        customer: { phone: '13900139000', idNumber: '110101199003077777', name: 'Li' },
        data: { customer: { address: 'Beijing' }, lead: { contact: { phone: '13700137000' } } },
        password: 'pw',
      },
      'lead captured',
    );
    const line = out.lines[0] ?? '';
    for (const secret of ['13800138000', '13900139000', '110101199003077777', '13700137000', 'Beijing', '"pw"']) {
      expect(line).not.toContain(secret);
    }
    expect(out.records()[0]).toMatchObject({ phone: '[redacted]', customer: { phone: '[redacted]', idNumber: '[redacted]', name: 'Li' } });
  });
});

describe('withLogContext', () => {
  it('adds correlation, command and store ids to every line inside, across awaits, and nothing outside', async () => {
    const out = capture();
    const logger = createLogger({ service: 'workshop', storeId: 'store-01', destination: out.destination });
    await withLogContext({ correlationId: 'corr-1', commandId: 'cmd-1' }, async () => {
      logger.info('before await');
      await new Promise((resolve) => setImmediate(resolve));
      logger.child({ component: 'handler' }).info('after await, in a child logger');
    });
    logger.info('outside');
    const [before, after, outside] = out.records();
    expect(before).toMatchObject({ correlationId: 'corr-1', commandId: 'cmd-1', storeId: 'store-01', msg: 'before await' });
    expect(after).toMatchObject({ correlationId: 'corr-1', commandId: 'cmd-1', component: 'handler' });
    expect(outside).not.toHaveProperty('correlationId');
    expect(outside).not.toHaveProperty('commandId');
    expect(outside).toMatchObject({ storeId: 'store-01' });
  });

  it('keeps concurrent flows apart and lets nested contexts add to (or override) the outer one', async () => {
    const out = capture();
    const logger = createLogger({ service: 'hq-projector', destination: out.destination });
    const flow = (n: number) =>
      withLogContext({ correlationId: `corr-${n}`, storeId: `store-${n}` }, async () => {
        await new Promise((resolve) => setTimeout(resolve, 5 * (3 - n)));
        await withLogContext({ commandId: `cmd-${n}`, storeId: 'override' }, async () => {
          logger.info({ n }, 'inner');
        });
        logger.info({ n }, 'outer');
      });
    await Promise.all([flow(1), flow(2)]);
    const records = out.records();
    expect(records).toHaveLength(4);
    for (const record of records) {
      const n = record.n as number;
      expect(record.correlationId).toBe(`corr-${n}`);
      if (record.msg === 'inner') expect(record).toMatchObject({ commandId: `cmd-${n}`, storeId: 'override' });
      else {
        expect(record).toMatchObject({ storeId: `store-${n}` });
        expect(record).not.toHaveProperty('commandId');
      }
    }
    // storeId is written once per line, not once from the base and again from the context.
    expect(out.lines.every((line) => line.split('"storeId"').length === 2)).toBe(true);
  });

  it('returns the function result and exposes the current context', () => {
    expect(currentLogContext()).toBeUndefined();
    const seen = withLogContext({ correlationId: 'c', causationId: undefined }, () => currentLogContext());
    expect(seen).toEqual({ correlationId: 'c' });
  });
});
