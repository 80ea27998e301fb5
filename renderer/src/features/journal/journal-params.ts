import { CASE_STAGES } from '../../../../shared/case';
import {
  JOURNAL_SORTS,
  type JournalDeadlineFilter,
  type JournalQuery,
  type JournalSort,
  type JournalStageFilter,
} from '../../db';

/**
 * The journal's search, filters and sort live in the address (#/journal?q=…&deadline=overdue), so
 * going back from a case page returns to the same list and the dashboard can link to a filtered one.
 * Unknown values are ignored, never trusted.
 */
export interface JournalParams {
  search: string;
  serviceId: string | null;
  stage: JournalStageFilter | null;
  deadline: JournalDeadlineFilter | null;
  /** The okrug (office id) on the district's desk; any office id is taken, none matching shows none. */
  officeId: string | null;
  sort: JournalSort;
}

export const STAGE_FILTERS: readonly JournalStageFilter[] = [
  'open',
  'closed',
  ...CASE_STAGES.filter((s) => s !== 'new'),
];
export const DEADLINE_FILTERS: readonly JournalDeadlineFilter[] = [
  'dueSoon',
  'overdue',
  'suspended',
];

function oneOf<T extends string>(values: readonly T[], value: string | null): T | null {
  return value !== null && (values as readonly string[]).includes(value) ? (value as T) : null;
}

export function readJournalParams(params: URLSearchParams): JournalParams {
  return {
    search: params.get('q') ?? '',
    serviceId: params.get('service') || null,
    stage: oneOf(STAGE_FILTERS, params.get('stage')),
    deadline: oneOf(DEADLINE_FILTERS, params.get('deadline')),
    officeId: params.get('okrug') || null,
    sort: oneOf(JOURNAL_SORTS, params.get('sort')) ?? 'dateDesc',
  };
}

export function writeJournalParams(value: JournalParams): URLSearchParams {
  const params = new URLSearchParams();
  if (value.search.trim() !== '') params.set('q', value.search);
  if (value.serviceId) params.set('service', value.serviceId);
  if (value.stage) params.set('stage', value.stage);
  if (value.deadline) params.set('deadline', value.deadline);
  if (value.officeId) params.set('okrug', value.officeId);
  if (value.sort !== 'dateDesc') params.set('sort', value.sort);
  return params;
}

export function journalQueryOf(value: JournalParams): JournalQuery {
  return {
    search: value.search,
    serviceId: value.serviceId,
    stage: value.stage,
    deadline: value.deadline,
    officeId: value.officeId,
    sort: value.sort,
  };
}

/** The address of the journal with these filters (for links from other screens). */
export function journalPath(filters: Partial<JournalParams> = {}): string {
  const params = writeJournalParams({
    search: '',
    serviceId: null,
    stage: null,
    deadline: null,
    officeId: null,
    sort: 'dateDesc',
    ...filters,
  });
  const query = params.toString();
  return query ? `/journal?${query}` : '/journal';
}

/** The printed journal (A4, landscape) with the same filters and order as the screen's list. */
export function journalPrintPath(filters: JournalParams, lang?: 'kk' | 'ru'): string {
  const params = writeJournalParams(filters);
  if (lang) params.set('lang', lang);
  const query = params.toString();
  return query ? `/print/journal?${query}` : '/print/journal';
}
