import pino from 'pino';

export type Logger = pino.Logger;

/** The process logger: JSON lines, codes and messages in English. */
export function createLogger(level: string): Logger {
  return pino({ level, base: { app: 'onecity' } });
}
