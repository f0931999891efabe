import { type CommandContract, type ContractRegistry, contextCommandsFilter } from '@rooftop/contracts';
import { type Command, RooftopError, ValidationError } from '@rooftop/eventsourcing';
import { type z } from 'zod';
import { commandEnvelopeSchema } from './envelope.js';

export interface AdmittedCommand {
  readonly contract: CommandContract;
  /** The envelope with `data` as parsed by the contract schema (defaults and transforms applied). */
  readonly command: Command;
}

export interface CommandGateOptions {
  readonly context: string;
  readonly storeId: string;
  readonly registry: ContractRegistry;
  /** Command types this process has a handler for; a known contract without a handler is unknown here. */
  readonly handledTypes: ReadonlySet<string>;
}

const decoder = new TextDecoder('utf-8', { fatal: true });

const issuesOf = (error: z.ZodError, prefix: string) =>
  error.issues.map((issue) => ({
    path: [prefix, ...issue.path.map(String)].filter(Boolean).join('.') || '(root)',
    message: issue.message,
  }));

/**
 * Everything a request must pass before a handler sees it, as pure checks in a fixed order: subject →
 * known command, bytes → JSON, envelope shape, type matches subject, store, roles, data against the
 * contract. Returns the failure as a typed error instead of throwing, so the transport always has a reply.
 */
export class CommandGate {
  readonly subjectFilter: string;
  private readonly prefix: string;

  constructor(private readonly options: CommandGateOptions) {
    this.subjectFilter = contextCommandsFilter(options.storeId, options.context);
    this.prefix = this.subjectFilter.slice(0, -1);
  }

  admit(subject: string, payload: Uint8Array): AdmittedCommand | RooftopError {
    const contract = this.contractFor(subject);
    if (contract instanceof RooftopError) return contract;

    const json = this.decode(payload);
    if (json instanceof RooftopError) return json;

    const envelope = commandEnvelopeSchema.safeParse(json);
    if (!envelope.success) {
      return new ValidationError(`${contract.type}: the command envelope is invalid`, issuesOf(envelope.error, ''));
    }
    const { type, storeId, actor } = envelope.data;
    if (type !== contract.type) {
      return new ValidationError(`the subject is for ${contract.type} but the command says ${type}`, [
        { path: 'type', message: `expected ${contract.type}` },
      ]);
    }
    if (storeId !== this.options.storeId) {
      return new RooftopError('FORBIDDEN', `this service serves store ${this.options.storeId}, not ${storeId}`, {
        reason: 'WRONG_STORE',
        storeId,
      });
    }
    // Fail closed: a contract with no roles can be sent by nobody, including system actors without a role.
    const roles = actor.roles ?? [];
    if (!contract.roles.some((role) => roles.includes(role))) {
      return new RooftopError('FORBIDDEN', `${contract.type} needs one of the roles ${contract.roles.join(', ') || '(none)'}`, {
        reason: 'MISSING_ROLE',
        required: [...contract.roles],
      });
    }
    const data = contract.schema.safeParse(envelope.data.data);
    if (!data.success) {
      const issues = issuesOf(data.error, 'data');
      return new ValidationError(`${contract.type} is invalid: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, issues);
    }
    return { contract, command: { ...envelope.data, data: data.data } as Command };
  }

  private contractFor(subject: string): CommandContract | RooftopError {
    const name = subject.startsWith(this.prefix) ? subject.slice(this.prefix.length) : '';
    const contract = name ? this.options.registry.command(this.options.context, name) : undefined;
    if (!contract || !this.options.handledTypes.has(contract.type)) {
      return new RooftopError('UNKNOWN_COMMAND', `${this.options.context} has no command "${name || subject}"`, {
        subject,
        context: this.options.context,
      });
    }
    return contract;
  }

  private decode(payload: Uint8Array): unknown {
    try {
      return JSON.parse(decoder.decode(payload));
    } catch {
      return new ValidationError('the command is not UTF-8 JSON', [{ path: '(root)', message: 'not UTF-8 JSON' }]);
    }
  }
}
