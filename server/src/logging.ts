import type { FastifyServerOptions } from 'fastify';
import type { HubConfig } from './config';

/**
 * Paths that may carry citizens' personal data. They are censored wherever they appear in a log
 * line; request logs carry only the method, the route and the status, never a body or a query string.
 */
export const REDACTED_PATHS = [
  'iin',
  '*.iin',
  'name',
  '*.name',
  'phone',
  '*.phone',
  'address',
  '*.address',
  'applicant',
  '*.applicant',
  'body',
  '*.body',
  'req.headers.authorization',
  'req.headers.cookie',
];

/** The path of a URL without its query string, which may hold an IIN or a name. */
export function pathOnly(url: string): string {
  const q = url.indexOf('?');
  return q === -1 ? url : url.slice(0, q);
}

export function loggerOptions(level: HubConfig['logLevel']): FastifyServerOptions['logger'] {
  return {
    level,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    serializers: {
      req: (req: { method: string; url: string; id: string }) => ({
        id: req.id,
        method: req.method,
        path: pathOnly(req.url),
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  };
}
