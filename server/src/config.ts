import envPaths from 'env-paths';
import { join } from 'node:path';
import { z } from 'zod';
import { isLoopbackHost } from '../../shared/sync/transport';

/** Everything the hub reads from its environment, validated once at start. */
const envSchema = z.object({
  HUB_HOST: z.string().default('127.0.0.1'),
  HUB_PORT: z.coerce.number().int().min(0).max(65535).default(8470),
  /** PostgreSQL in production. When unset, an embedded PostgreSQL (PGlite) keeps data in a folder. */
  DATABASE_URL: z.string().url().optional(),
  AKIMAT_HUB_DATA_DIR: z.string().min(1).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Host names the hub answers to, comma-separated; loopback names are always allowed. */
  HUB_ALLOWED_HOSTS: z.string().optional(),
  /** Requests per minute one desk (or one address without a credential) may make; 0: no limit. */
  HUB_RATE_LIMIT: z.coerce.number().int().min(0).default(1200),
  /** The largest scan one desk may upload, in megabytes (MiB). */
  HUB_ATTACHMENT_MAX_MB: z.coerce.number().int().min(1).max(1024).default(50),
  /** The hub's own TLS certificate and private key (PEM files): the hub then speaks HTTPS only. */
  HUB_TLS_CERT: z.string().min(1).optional(),
  HUB_TLS_KEY: z.string().min(1).optional(),
  /**
   * Behind a TLS-terminating proxy: the pin (base64 SHA-256 of the SubjectPublicKeyInfo) of the
   * proxy's certificate, handed to desks at enrollment so they pin it.
   */
  HUB_TLS_PROXY_PIN: z
    .string()
    .regex(/^[A-Za-z0-9+/]{43}=$/)
    .optional(),
  /**
   * The folder the district admin fills with the desk's installers and electron-builder's
   * latest.yml: the hub serves it to enrolled desks as their update feed (/v1/updates/).
   */
  HUB_UPDATES_DIR: z.string().min(1).optional(),
  /**
   * A real SMS gateway for the notices of decisions (R-DEC-2, 003:49): its URL and bearer token. Unset:
   * the outbox adapter records each message and nothing leaves the machine.
   */
  HUB_SMS_URL: z.string().url().optional(),
  HUB_SMS_TOKEN: z.string().min(1).optional(),
});

export type DatabaseConfig =
  { kind: 'postgresql'; url: string } | { kind: 'pglite'; dataDir: string };

export interface HubConfig {
  host: string;
  port: number;
  database: DatabaseConfig;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  /** Host names (without port) a request may name; a request naming another is refused. */
  allowedHosts: readonly string[];
  /** Requests per minute per desk or address; 0 turns the limit off. */
  rateLimitPerMinute: number;
  /** The largest scan a desk may upload, in bytes. */
  attachmentMaxBytes: number;
  /**
   * How desks reach the hub beyond loopback: its own certificate (files read at start), a
   * TLS-terminating proxy whose key desks pin, or nothing (loopback only).
   */
  tls:
    | { kind: 'own'; certFile: string; keyFile: string }
    | { kind: 'proxy'; keyPin: string }
    | { kind: 'none' };
  /** The update feed's folder (HUB_UPDATES_DIR), or null: no updates from this hub. */
  updatesDir: string | null;
  /** Where SMS notices go: the outbox only, or a real gateway (HUB_SMS_URL, HUB_SMS_TOKEN). */
  sms: SmsGatewayConfig;
}

export type SmsGatewayConfig = { kind: 'outbox' } | { kind: 'http'; url: string; token: string };

/** Why a configuration cannot start: the fields to look at, never their values. */
export class HubConfigError extends Error {}

/** Names that always reach this machine only. */
export const LOOPBACK_HOSTS = ['127.0.0.1', 'localhost', '[::1]'];

export function defaultHubDataDir(): string {
  return join(envPaths('akimat-desk', { suffix: '' }).data, 'hub');
}

export function readHubConfig(env: NodeJS.ProcessEnv): HubConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => i.path.join('.')).join(', ');
    throw new HubConfigError(`Invalid hub configuration: ${fields}`);
  }
  const e = parsed.data;
  if ((e.HUB_TLS_CERT === undefined) !== (e.HUB_TLS_KEY === undefined)) {
    throw new HubConfigError('Invalid hub configuration: HUB_TLS_CERT and HUB_TLS_KEY go together');
  }
  if (e.HUB_TLS_CERT !== undefined && e.HUB_TLS_PROXY_PIN !== undefined) {
    throw new HubConfigError(
      'Invalid hub configuration: HUB_TLS_CERT and HUB_TLS_PROXY_PIN exclude each other',
    );
  }
  const tls: HubConfig['tls'] =
    e.HUB_TLS_CERT !== undefined && e.HUB_TLS_KEY !== undefined
      ? { kind: 'own', certFile: e.HUB_TLS_CERT, keyFile: e.HUB_TLS_KEY }
      : e.HUB_TLS_PROXY_PIN !== undefined
        ? { kind: 'proxy', keyPin: e.HUB_TLS_PROXY_PIN }
        : { kind: 'none' };
  // Beyond loopback the hub speaks HTTPS only: its own, or a proxy's in front of it.
  if (tls.kind === 'none' && !isLoopbackHost(e.HUB_HOST)) {
    throw new HubConfigError(
      'Invalid hub configuration: HUB_HOST is not a loopback address, so set HUB_TLS_CERT and ' +
        'HUB_TLS_KEY, or HUB_TLS_PROXY_PIN when a TLS-terminating proxy stands in front',
    );
  }
  if ((e.HUB_SMS_URL === undefined) !== (e.HUB_SMS_TOKEN === undefined)) {
    throw new HubConfigError(
      'Invalid hub configuration: HUB_SMS_URL and HUB_SMS_TOKEN go together',
    );
  }
  // The token travels in every request: over HTTPS only, but to a gateway on this machine.
  if (e.HUB_SMS_URL !== undefined) {
    const url = new URL(e.HUB_SMS_URL);
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackHost(url.hostname))) {
      throw new HubConfigError(
        'Invalid hub configuration: HUB_SMS_URL must be https (http only on this machine)',
      );
    }
  }
  const sms: SmsGatewayConfig =
    e.HUB_SMS_URL !== undefined && e.HUB_SMS_TOKEN !== undefined
      ? { kind: 'http', url: e.HUB_SMS_URL, token: e.HUB_SMS_TOKEN }
      : { kind: 'outbox' };
  return {
    host: e.HUB_HOST,
    port: e.HUB_PORT,
    database: e.DATABASE_URL
      ? { kind: 'postgresql', url: e.DATABASE_URL }
      : { kind: 'pglite', dataDir: e.AKIMAT_HUB_DATA_DIR ?? defaultHubDataDir() },
    logLevel: e.LOG_LEVEL,
    allowedHosts: [
      ...LOOPBACK_HOSTS,
      ...(e.HUB_HOST !== '0.0.0.0' && e.HUB_HOST !== '::' ? [e.HUB_HOST] : []),
      ...(e.HUB_ALLOWED_HOSTS ?? '')
        .split(',')
        .map((h) => h.trim().toLowerCase())
        .filter((h) => h !== ''),
    ],
    rateLimitPerMinute: e.HUB_RATE_LIMIT,
    attachmentMaxBytes: e.HUB_ATTACHMENT_MAX_MB * 1024 * 1024,
    tls,
    updatesDir: e.HUB_UPDATES_DIR ?? null,
    sms,
  };
}
