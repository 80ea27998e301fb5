import { localized, type CatalogDocument } from '../../../../shared/catalog';
import type { Language } from '../../../../shared/ipc';

/** A document of the case's checklist by its catalog label; its id when the catalog no longer has it. */
export function documentLabel(
  catalog: readonly CatalogDocument[],
  id: string,
  lang: Language,
): string {
  const doc = catalog.find((d) => d.id === id);
  return doc ? localized(doc.label, lang) : id;
}
