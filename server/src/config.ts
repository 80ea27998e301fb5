import envPaths from 'env-paths';
import { join } from 'node:path';
import { z } from 'zod';

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
}

/** Names that always reach this machine only. */
export const LOOPBACK_HOSTS = ['127.0.0.1', 'localhost', '[::1]'];

export function defaultHubDataDir(): string {
  return join(envPaths('akimat-desk', { suffix: '' }).data, 'hub');
}

export function readHubConfig(env: NodeJS.ProcessEnv): HubConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => i.path.join('.')).join(', ');
    throw new Error(`Invalid hub configuration: ${fields}`);
  }
  const e = parsed.data;
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
  };
}
