import pino, { type Logger } from 'pino';
import { config } from './config';

const SECRET_KEYS = [
  'password',
  'secret',
  'token',
  'idToken',
  'sessionCookie',
  'authorization',
  'cookie',
  'apiKey',
  'signature',
  'x-shopify-hmac-sha256',
  'x-wc-webhook-signature',
  'x-alleaves-signature',
  'webhook-signature',
];
const PII_KEYS = ['email', 'phone', 'to'];

function maskValue(key: string, value: unknown): unknown {
  if (typeof value !== 'string') return '[redacted]';
  if (key === 'email' || value.includes('@')) {
    const [user = '', domain = ''] = value.split('@');
    return `${user.slice(0, 1)}***@${domain}`;
  }
  return value.length > 4 ? `***${value.slice(-4)}` : '***';
}

// Pino's redact takes paths; cover the usual nesting depths of request, customer and event objects.
const paths = [...SECRET_KEYS, ...PII_KEYS].flatMap((k) => {
  const key = /^[a-zA-Z_]\w*$/.test(k) ? k : `["${k}"]`;
  const dot = key.startsWith('[') ? '' : '.';
  return [key, `*${dot}${key}`, `*.*${dot}${key}`, `*.*.*${dot}${key}`];
});

let root: Logger | undefined;

/** Structured JSON logs. Secrets are removed and emails/phones masked wherever they appear. */
export function logger(): Logger {
  root ??= createLogger();
  return root;
}

export function createLogger(destination?: pino.DestinationStream, level?: string): Logger {
  return pino(
    {
      level: level ?? config().logLevel,
      base: { service: 'bakedbot' },
      redact: {
        paths,
        censor: (value, path) => {
          const key = String(path[path.length - 1]);
          return SECRET_KEYS.includes(key) ? '[redacted]' : maskValue(key, value);
        },
      },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}

type Bindings = Record<string, unknown>;
const LEVEL_METHODS = new Set(['trace', 'debug', 'info', 'warn', 'error', 'fatal']);
const noop = () => undefined;

/**
 * `parent.child(bindings)`, made only when it first writes a line (or is asked for anything but a
 * disabled level's method). pino redacts a child's bindings the moment the child is made: about
 * 50 µs each with this logger's paths, and a webhook delivery made three (the request's, the
 * endpoint's, the processing's) to write nothing at the usual level. A child of a child not made
 * yet merges its bindings into one, so the three become one pino child when a line is written.
 * docs/performance.md, "Where a delivery's CPU goes".
 */
export function lazyChild(parent: Logger, bindings: Bindings): Logger {
  let real: Logger | undefined;
  const made = () => (real ??= parent.child(bindings));
  const forward = (target: Logger, prop: string | symbol) => {
    const value: unknown = Reflect.get(target, prop, target);
    return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
  };
  return new Proxy(parent, {
    get(target, prop) {
      if (real) return forward(real, prop);
      if (typeof prop === 'string' && LEVEL_METHODS.has(prop) && !target.isLevelEnabled(prop)) return noop;
      // The child's level is its parent's until someone sets it (which makes the child).
      if (prop === 'level' || prop === 'isLevelEnabled' || prop === 'levelVal') return forward(target, prop);
      if (prop === 'bindings') return () => ({ ...target.bindings(), ...bindings });
      if (prop === 'child')
        return (more: Bindings, options?: Parameters<Logger['child']>[1]) =>
          options ? made().child(more, options) : lazyChild(parent, { ...bindings, ...more });
      return forward(made(), prop);
    },
    set(_target, prop, value) {
      return Reflect.set(made(), prop, value);
    },
  });
}

export type { Logger };
