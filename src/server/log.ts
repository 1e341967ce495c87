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

export type { Logger };
