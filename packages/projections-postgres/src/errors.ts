import { RooftopError } from '@rooftop/eventsourcing';

/** A projection definition or runner option the runner cannot work with (bad name, duplicate, view clash). */
export class ProjectionConfigError extends RooftopError {
  constructor(message: string, details?: Record<string, unknown>) {
    super('PROJECTION_CONFIG_INVALID', message, details);
  }
}

export class UnknownProjectionError extends RooftopError {
  constructor(readonly projection: string) {
    super('NOT_FOUND', `no projection named ${projection} in this runner`, { projection });
  }
}

/** The projection met a poison event under the `stop` policy; it stays stopped until resumed or rebuilt. */
export class ProjectionStoppedError extends RooftopError {
  constructor(
    readonly projection: string,
    readonly globalPosition: number,
    cause: string,
  ) {
    super('PROJECTION_STOPPED', `projection ${projection} stopped at position ${globalPosition}: ${cause}`, {
      projection,
      globalPosition,
    });
  }
}

/** Another rebuild of the same projection swapped first, or the log could not be read up to the live position. */
export class RebuildAbortedError extends RooftopError {
  constructor(
    readonly projection: string,
    reason: string,
  ) {
    super('REBUILD_ABORTED', `rebuild of ${projection} aborted: ${reason}`, { projection });
  }
}
