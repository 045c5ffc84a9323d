import pino from 'pino';

export type Logger = pino.Logger;

/**
 * An error as the log may show it: type, code, message and stack only. Drivers hang the statement's values on
 * their errors (PGlite's `params`, PostgreSQL's `detail`: "Key (id_number)=(…) already exists"), and a data
 * error's message quotes the value it refused; none of these may reach the log, which is not personal data's place.
 */
export function logSafeError(error: unknown): unknown {
  if (!(error instanceof Error)) return error; // a text the caller wrote (a pull's outcome, say)
  const code = (error as { code?: unknown }).code;
  // PostgreSQL's class 22 (data exception) messages quote the input: invalid input syntax for type uuid: "…".
  const quotesInput = typeof code === 'string' && code.startsWith('22');
  const message = quotesInput ? error.message.replace(/"[^"]*"/g, '"…"') : error.message;
  const frames = (error.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line));
  return {
    type: error.name,
    ...(typeof code === 'string' || typeof code === 'number' ? { code } : {}),
    message,
    stack: [`${error.name}: ${message}`, ...frames].join('\n'),
    ...(error.cause !== undefined ? { cause: logSafeError(error.cause) } : {}),
  };
}

/** The process logger: JSON lines, codes and messages in English; errors logged under `err` are made safe. */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  const options = { level, base: { app: 'onecity' }, serializers: { err: logSafeError } };
  return destination ? pino(options, destination) : pino(options);
}
