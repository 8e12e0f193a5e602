// Structured logs: one JSON object per line (time, level, msg, then any fields), the shape log
// collectors (journald, Docker, Loki, CloudWatch) index without a parser of their own.
import type { Writable } from 'node:stream';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = { level?: LogLevel } & Record<string, unknown>;
export type LogFn = (msg: string, fields?: LogFields) => void;

/**
 * Relay lines that carry no level of their own are judged by their wording: a stack trace is an
 * error, and the relay words every recoverable trouble as "could not", "lost" or "dropping".
 */
function levelOf(msg: string): LogLevel {
  if (/\n\s+at /.test(msg)) return 'error';
  if (/could not|lost|dropping|failed|error/i.test(msg)) return 'warn';
  return 'info';
}

export function jsonLogger(out: Writable, now: () => Date = () => new Date()): LogFn {
  return (msg, fields = {}) => {
    const { level, ...rest } = fields;
    // A multi-line message (a stack trace) keeps its first line as msg and the rest as a field.
    const [first, ...more] = msg.split('\n');
    const entry: Record<string, unknown> = { time: now().toISOString(), level: level ?? levelOf(msg), msg: first, ...rest };
    if (more.length) entry.stack = more.join('\n');
    out.write(`${JSON.stringify(entry)}\n`);
  };
}
