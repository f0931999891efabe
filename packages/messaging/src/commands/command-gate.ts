import { type CommandContract, type ContractRegistry, contextCommandsFilter } from '@rooftop/contracts';
import { type Command, dataHash, RooftopError, ValidationError } from '@rooftop/eventsourcing';
import { type z } from 'zod';
import { type CommandIssuers, verifyCommandAssertion, type VerifiedAssertion } from './assertion.js';
import { commandEnvelopeSchema } from './envelope.js';

export interface AdmittedCommand {
  readonly contract: CommandContract;
  /**
   * The envelope with `data` as parsed by the contract schema (defaults and transforms applied), the actor
   * from the verified assertion and `metadata.now` from the service's clock unless the issuer is a clock authority.
   */
  readonly command: Command;
  /** Key id of the issuer whose assertion admitted it. */
  readonly issuer: string;
}

/** Who may send commands over NATS: the issuers whose signed assertions a service accepts (docs/adr/0020). */
export interface CommandIdentityOptions {
  readonly issuers: CommandIssuers;
  /**
   * How far `metadata.now` from an issuer that is not a clock authority may be from the service's clock
   * before the command is refused (default 120,000 ms); within it the service's clock is used anyway.
   */
  readonly clockSkewMs?: number;
  /** The service's wall clock (default `new Date()`). */
  readonly clock?: () => Date;
}

export interface CommandGateOptions {
  readonly context: string;
  readonly storeId: string;
  readonly registry: ContractRegistry;
  /** Command types this process has a handler for; a known contract without a handler is unknown here. */
  readonly handledTypes: ReadonlySet<string>;
  readonly identity: CommandIdentityOptions;
}

export const DEFAULT_CLOCK_SKEW_MS = 120_000;

/**
 * Roles no assertion may carry: `system`, and any role that only internal commands (timers, reactions)
 * name. Those commands run in process; a message claiming them comes from outside.
 */
export const reservedRoles = (registry: ContractRegistry): ReadonlySet<string> => {
  const commands = registry.contexts.flatMap((c) => c.commands);
  const external = new Set(commands.filter((c) => !c.internal).flatMap((c) => c.roles));
  return new Set(['system', ...commands.filter((c) => c.internal).flatMap((c) => c.roles.filter((role) => !external.has(role)))]);
};

const forbidden = (reason: string, message: string, details: Record<string, unknown> = {}) => new RooftopError('FORBIDDEN', message, { reason, ...details });

const inScope = (scope: readonly string[] | '*', value: string): boolean => scope === '*' || scope.includes(value);

const decoder = new TextDecoder('utf-8', { fatal: true });

const issuesOf = (error: z.ZodError, prefix: string) =>
  error.issues.map((issue) => ({
    path: [prefix, ...issue.path.map(String)].filter(Boolean).join('.') || '(root)',
    message: issue.message,
  }));

/**
 * Everything a request must pass before a handler sees it, in a fixed order: subject → known command,
 * bytes → JSON, envelope shape, type matches subject, store, not internal, the signed assertion (issuer,
 * signature, expiry, that it is for this very command and actor), the issuer's grants, roles, clock, data
 * against the contract. Returns the failure as a typed error instead of throwing, so the transport always
 * has a reply.
 */
export class CommandGate {
  readonly subjectFilter: string;
  private readonly prefix: string;
  private readonly reserved: ReadonlySet<string>;

  constructor(private readonly options: CommandGateOptions) {
    this.subjectFilter = contextCommandsFilter(options.storeId, options.context);
    this.prefix = this.subjectFilter.slice(0, -1);
    this.reserved = reservedRoles(options.registry);
  }

  /** `assertion` is the ASSERTION_HEADER of the message (undefined or empty when it has none). */
  async admit(subject: string, payload: Uint8Array, assertion: string | undefined): Promise<AdmittedCommand | RooftopError> {
    const contract = this.contractFor(subject);
    if (contract instanceof RooftopError) return contract;

    const json = this.decode(payload);
    if (json instanceof RooftopError) return json;

    const envelope = commandEnvelopeSchema.safeParse(json);
    if (!envelope.success) {
      return new ValidationError(`${contract.type}: the command envelope is invalid`, issuesOf(envelope.error, ''));
    }
    const { type, storeId } = envelope.data;
    if (type !== contract.type) {
      return new ValidationError(`the subject is for ${contract.type} but the command says ${type}`, [{ path: 'type', message: `expected ${contract.type}` }]);
    }
    if (storeId !== this.options.storeId) {
      return forbidden('WRONG_STORE', `this service serves store ${this.options.storeId}, not ${storeId}`, { storeId });
    }
    if (contract.internal) {
      return forbidden('INTERNAL_COMMAND', `${contract.type} is sent only by the ${contract.context} service's own timers and reactions`);
    }
    const serviceNow = this.options.identity.clock?.() ?? new Date();
    const verified = await verifyCommandAssertion(assertion, this.options.identity.issuers, serviceNow);
    if (verified instanceof RooftopError) return verified;
    const mismatch = this.mismatch(verified, envelope.data as Command, contract);
    if (mismatch) return mismatch;

    const refused = this.refusal(verified, contract, storeId);
    if (refused) return refused;

    const now = this.businessTime(verified, envelope.data.metadata.now, serviceNow);
    if (now instanceof RooftopError) return now;

    const data = contract.schema.safeParse(envelope.data.data);
    if (!data.success) {
      const issues = issuesOf(data.error, 'data');
      return new ValidationError(`${contract.type} is invalid: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, issues);
    }
    const command = { ...envelope.data, actor: verified.actor, data: data.data, metadata: { ...envelope.data.metadata, now } } as Command;
    return { contract, command, issuer: verified.issuer.kid };
  }

  /** The assertion must be for exactly this command (id, type, context, store, data, time) and actor. */
  private mismatch(verified: VerifiedAssertion, envelope: Command, contract: CommandContract): RooftopError | undefined {
    const asserted = verified.command;
    let hash: string;
    try {
      hash = dataHash(envelope.data);
    } catch (error) {
      return error instanceof RooftopError ? error : new ValidationError('the command data cannot be hashed', [{ path: 'data', message: 'cannot be hashed' }]);
    }
    const { actor } = envelope;
    const sameActor =
      actor.kind === verified.actor.kind &&
      actor.id === verified.actor.id &&
      JSON.stringify([...(actor.roles ?? [])].sort()) === JSON.stringify([...(verified.actor.roles ?? [])].sort());
    const fields = [
      asserted.id === envelope.commandId ? undefined : 'commandId',
      asserted.type === contract.type ? undefined : 'type',
      asserted.context === contract.context ? undefined : 'context',
      asserted.storeId === envelope.storeId ? undefined : 'storeId',
      asserted.data === hash ? undefined : 'data',
      asserted.now === envelope.metadata.now ? undefined : 'metadata.now',
      sameActor ? undefined : 'actor',
    ].filter((field): field is string => field !== undefined);
    if (fields.length === 0) return undefined;
    return new RooftopError('UNAUTHENTICATED', `the command assertion is for another command or actor (${fields.join(', ')})`, {
      reason: 'ASSERTION_MISMATCH',
      fields,
    });
  }

  /** What the verified actor and issuer may not do: reserved roles, roles or stores the issuer lacks, the contract's roles. */
  private refusal(verified: VerifiedAssertion, contract: CommandContract, storeId: string): RooftopError | undefined {
    const roles = verified.actor.roles ?? [];
    const { issuer } = verified;
    const reserved = roles.filter((role) => this.reserved.has(role));
    if (reserved.length > 0) {
      return forbidden('RESERVED_ROLE', `the role ${reserved.join(', ')} belongs to the services' own timers and reactions`, { roles: reserved });
    }
    const notGranted = issuer.roles === '*' ? [] : roles.filter((role) => !issuer.roles.includes(role));
    if (notGranted.length > 0) {
      return forbidden('ROLE_NOT_GRANTED', `issuer ${issuer.kid} may not assert the role ${notGranted.join(', ')}`, { issuer: issuer.kid, roles: notGranted });
    }
    if (!inScope(issuer.stores, storeId) || !inScope(verified.stores, storeId)) {
      return forbidden('STORE_NOT_GRANTED', `the assertion does not cover store ${storeId}`, { issuer: issuer.kid, storeId });
    }
    // Fail closed: a contract with no roles can be sent by nobody, including system actors without a role.
    if (!contract.roles.some((role) => roles.includes(role))) {
      return forbidden('MISSING_ROLE', `${contract.type} needs one of the roles ${contract.roles.join(', ') || '(none)'}`, {
        required: [...contract.roles],
      });
    }
    return undefined;
  }

  /**
   * A clock authority's `metadata.now` is the command's business time (it is bound by the assertion);
   * anyone else's is refused when further than the allowed skew from the service's clock, and replaced by
   * the service's clock otherwise, so an outside sender can never choose when its events happened.
   */
  private businessTime(verified: VerifiedAssertion, sent: string, serviceNow: Date): string | RooftopError {
    if (verified.issuer.clock) return sent;
    const skewMs = this.options.identity.clockSkewMs ?? DEFAULT_CLOCK_SKEW_MS;
    const offsetMs = Date.parse(sent) - serviceNow.getTime();
    if (!(Math.abs(offsetMs) <= skewMs)) {
      return forbidden(
        'CLOCK_NOT_TRUSTED',
        `issuer ${verified.issuer.kid} may not set the command's time; metadata.now is ${Math.round(offsetMs / 1000)} s from the service's clock`,
        {
          issuer: verified.issuer.kid,
          allowedSkewMs: skewMs,
        },
      );
    }
    return serviceNow.toISOString();
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
