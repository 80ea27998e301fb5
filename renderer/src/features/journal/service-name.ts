import { findService, localized } from '../../../../shared/catalog';
import type { Language } from '../../../../shared/ipc';

const cache = new Map<string, string>();

/** The service's name in the catalog, in the interface language; the id if the catalog lacks it. */
export function serviceName(serviceId: string, language: Language): string {
  const key = `${language}:${serviceId}`;
  let name = cache.get(key);
  if (name === undefined) {
    const found = findService(serviceId);
    name = found.ok ? localized(found.service.name, language) : serviceId;
    cache.set(key, name);
  }
  return name;
}
