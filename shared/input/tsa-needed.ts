import type { ServiceDefinition } from '../catalog';

/**
 * A service whose result is the certificate of belonging (or not) to the TSA recipients (002:16,
 * R-CERT-3) is answered from the current quarter's recipients list: without that list the desk could
 * only guess, so such an application is not registered until the list is imported.
 */
export function needsTsaRegister(service: Pick<ServiceDefinition, 'results'>): boolean {
  return service.results.some(
    (r) => r.kind === 'certificateBelongs' || r.kind === 'certificateDoesNotBelong',
  );
}
