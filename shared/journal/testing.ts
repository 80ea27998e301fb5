// Journal rows for tests, made the only way rows are made: the events of a case (shared/case/testing
// samples), folded, projected by journalRowOf. Not part of the barrel: import from
// 'shared/journal/testing'. Fixed dates only.
import { foldCase, type CaseEvent, type CaseStage, type CaseState } from '../case';
import {
  sampleApplicant,
  sampleEvent,
  samplePath,
  samplePayload,
  sampleRegistered,
  type SampleStep,
} from '../case/testing';
import { createWorkingCalendar, type WorkingCalendar } from '../calendar';
import { journalRowOf, type JournalRow } from './journal-row';

let seq = 0;
export interface SampleRowInit {
  /** The case id; a fresh one by default. */
  id?: string;
  name?: string;
  date?: string;
  number?: string;
  iin?: string;
  serviceId?: string;
  stage?: CaseStage;
  dueDate?: string;
  /** The term suspended after registration (the fold checks no catalog ground). */
  suspended?: boolean;
}

/** The sample path of events that takes a case to a stage (shared/case/testing). */
const PATH_TO: Partial<Record<CaseStage, readonly SampleStep[]>> = {
  registered: [],
  resolutionImposed: [['ResolutionImposed', 'akim']],
  atCommission: [
    ['ResolutionImposed', 'akim'],
    ['SentToCommission', 'specialist'],
  ],
  commissionDone: [
    ['ResolutionImposed', 'akim'],
    ['SentToCommission', 'specialist'],
    ['CommissionActRecorded', 'specialist'],
  ],
  atDistrict: [
    ['ResolutionImposed', 'akim'],
    ['ForwardedToDistrict', 'specialist'],
    ['ReceivedByDistrict', 'districtSpecialist'],
  ],
  forwarded: [
    ['ResolutionImposed', 'akim'],
    ['ForwardedToDistrict', 'specialist'],
  ],
  returnedForCompletion: [
    ['ResolutionImposed', 'akim'],
    ['ForwardedToDistrict', 'specialist'],
    ['ReceivedByDistrict', 'districtSpecialist'],
    ['ReturnedForCompletion', 'districtSpecialist'],
  ],
  issued: [
    ['ResolutionImposed', 'akim'],
    ['ForwardedToDistrict', 'specialist'],
    ['DistrictResultRecorded', 'specialist'],
    ['ResultIssued', 'specialist'],
  ],
  withdrawn: [['Withdrawn', 'specialist']],
};

/**
 * A journal row made the only way rows are made: events of the case, folded, projected by
 * shared/journal journalRowOf.
 */
export function sampleJournalRow(
  init: SampleRowInit = {},
  calendar: WorkingCalendar = createWorkingCalendar(),
): JournalRow {
  const projected = journalRowOf(sampleCaseState(init), calendar, seq);
  if (!projected) throw new Error('no row');
  return projected;
}

/** The folded case behind sampleJournalRow(init). */
export function sampleCaseState(init: SampleRowInit = {}): CaseState {
  seq += 1;
  const caseId = init.id ?? `sample-case-${seq}`;
  const date = init.date ?? '2025-03-03';
  const stage = init.stage ?? 'registered';
  const applicant = init.name ?? `Сейітова Әйгерім ${seq}`;
  const [lastName = applicant, ...rest] = applicant.split(' ');
  const intake = {
    serviceId: init.serviceId ?? 'targeted-social-assistance',
    applicant: {
      ...sampleApplicant,
      iin: init.iin ?? `8503154${String(seq).padStart(5, '0')}`,
      lastName,
      // The fold does not validate payloads: a one-word fixture name keeps an empty first name.
      firstName: rest.join(' '),
      patronymic: undefined,
    },
    receivedAt: `${date}T10:00`,
  };
  const opening: CaseEvent =
    stage === 'notAccepted'
      ? sampleEvent('AcceptanceRefused', {
          role: 'specialist',
          counter: 1,
          payload: {
            ...samplePayload('AcceptanceRefused'),
            ...intake,
            refusalDate: date,
            receiptNumber: init.number ?? `R-${seq}`,
          },
        })
      : sampleEvent('Registered', {
          role: 'specialist',
          counter: 1,
          payload: sampleRegistered({
            ...intake,
            registrationDate: date,
            registrationNumber:
              init.number ?? `KZL01-1-${String(seq).padStart(4, '0')}/${date.slice(0, 4)}`,
            dueDate: init.dueDate ?? '2025-04-02',
          }),
        });
  const steps: SampleStep[] = [['Registered', 'specialist'], ...(PATH_TO[stage] ?? [])];
  if (init.suspended) steps.push(['TermSuspended', 'specialist']);
  const later = samplePath(steps).slice(1);
  const events = [opening, ...later].map((e) => ({ ...e, caseId, id: `${caseId}-${e.id}` }));
  const state = foldCase(events);
  if (state.stage !== stage) throw new Error(`fixture reached ${state.stage}, not ${stage}`);
  return state;
}
