import { RooftopError } from '@rooftop/eventsourcing';
import { fromErrorBody } from '../errors.js';

/** Runs a read; a typed package error (e.g. a KPI query's ValidationError) becomes a GraphQL error with its code. */
export const rethrowTyped = async <T>(read: () => Promise<T>): Promise<T> => {
  try {
    return await read();
  } catch (error) {
    if (error instanceof RooftopError) throw fromErrorBody(error.toBody());
    throw error;
  }
};
