/** The slice of a pino logger the messaging helpers use (pino's `(object, message)` call shape). */
export interface MessagingLogger {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

export const silentLogger: MessagingLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };

export const describeError = (error: unknown): { error: string; code?: unknown } =>
  error instanceof Error
    ? { error: `${error.name}: ${error.message}`, ...('code' in error ? { code: (error as { code: unknown }).code } : {}) }
    : { error: String(error) };
