import { type z } from 'zod';

const bound = (issue: { origin: string; inclusive?: boolean; exact?: boolean }, limit: number | bigint, side: 'min' | 'max') => {
  if (issue.origin === 'string') {
    return issue.exact ? `must be exactly ${limit} characters long` : `must be ${side === 'min' ? 'at least' : 'at most'} ${limit} characters long`;
  }
  const op = side === 'min' ? (issue.inclusive ? '>=' : '>') : issue.inclusive ? '<=' : '<';
  return `must be ${op} ${limit}`;
};

/**
 * Turns a zod issue into a sentence about the variable that never contains the variable's value: DATABASE_URL or
 * a token may hold a password, and start-up errors end up in log collectors that many people can read.
 */
export const describeIssue = (issue: z.core.$ZodIssue, raw: string | undefined): string => {
  if (raw === undefined && (issue.code === 'invalid_type' || issue.code === 'invalid_value')) {
    return 'is required but not set';
  }
  const sentence = ((): string => {
    switch (issue.code) {
      case 'invalid_type':
        return issue.expected === 'int' ? 'must be an integer' : `must be a ${issue.expected}`;
      case 'too_small':
        return bound(issue, issue.minimum, 'min');
      case 'too_big':
        return bound(issue, issue.maximum, 'max');
      case 'invalid_format':
        return issue.format === 'regex' && issue.pattern !== undefined ? `must match ${issue.pattern}` : `must be a valid ${issue.format}`;
      case 'invalid_value':
        return `must be one of ${issue.values.map(String).join(', ')}`;
      case 'not_multiple_of':
        return `must be a multiple of ${issue.divisor}`;
      default:
        return issue.message;
    }
  })();
  return hideValue(sentence, raw);
};

// Custom refinements write their own messages; a careless one could echo the input, so scrub it defensively.
const hideValue = (sentence: string, raw: string | undefined): string =>
  raw !== undefined && raw.length >= 3 && sentence.includes(raw) ? sentence.split(raw).join('[value hidden]') : sentence;
