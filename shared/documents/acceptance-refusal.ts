// What the receipt refusing to accept an application prints (R-REG-6). An incomplete package or an
// expired document gets «осы Қағидаларға 2-1-қосымшаға сәйкес нысан бойынша … өтініш қабылдаудан бас
// тарту туралы қолхат» (seed 003:27); appendix 2-1 was added to the rules by the same order (003:56).
// What must stay true:
// - The form mark (appendix 2-1 of the rules, «Нысан»/«Форма») and the legal reference (the order that
//   approved the rules: MLSPP order No. 84 of 25.03.2021, registered under No. 22394, 003:1,7) are
//   printed only for a case under the rule-set that has the 2-1 form (its service lists the result
//   'acceptanceRefusalReceipt'); other rule-sets get a receipt without a form mark, never a borrowed one.
// - Every fact comes from the case's log (the AcceptanceRefused event) and the catalog data; the
//   receipt number is the one the desk gave when it refused (intake's 'Q' counter), never made here.
import { allRuleSets, type LegalText } from '../catalog';
import type { CaseState } from '../case';
import type { LocalDate, LocalDateTime } from '../time';

export interface RulesApproval {
  /** The order that approved the rules the form belongs to. */
  readonly date: LocalDate;
  readonly number: string;
  /** Its number in the state register of normative legal acts. */
  readonly registrationNumber: string;
}

export interface AcceptanceRefusalFacts {
  /** 'app2-1': the form of appendix 2-1 of the rules; null: the rule-set has no such form. */
  readonly form: 'app2-1' | null;
  /** The rules' service name, as the form mark quotes it. */
  readonly serviceName: LegalText | null;
  /** The order that approved the rules (for the legal reference); null when the data do not say. */
  readonly approvedBy: RulesApproval | null;
  readonly receiptNumber: string | null;
  readonly receivedAt: LocalDateTime;
  readonly refusalDate: LocalDate;
  /** The documents missing or expired, in the order of the check, by catalog id. */
  readonly gaps: readonly { readonly documentId: string; readonly state: 'missing' | 'expired' }[];
}

/** The receipt's facts for a refused case; null for a case that was not refused at intake. */
export function acceptanceRefusalFacts(state: CaseState): AcceptanceRefusalFacts | null {
  const refusal = state.acceptanceRefusal;
  if (refusal === null) return null;
  const ruleSet = allRuleSets().find((r) => r.id === refusal.ruleSetId);
  const service = ruleSet?.services.find((s) => s.id === refusal.serviceId);
  const hasForm = service?.results.some((r) => r.kind === 'acceptanceRefusalReceipt') ?? false;
  const amends = ruleSet?.legalSource.amends;
  return {
    form: hasForm ? 'app2-1' : null,
    serviceName: service?.name ?? null,
    approvedBy:
      hasForm && amends
        ? {
            date: amends.date,
            number: amends.number,
            registrationNumber: amends.registrationNumber,
          }
        : null,
    receiptNumber: refusal.receiptNumber ?? null,
    receivedAt: refusal.receivedAt,
    refusalDate: refusal.refusalDate,
    gaps: refusal.documents.flatMap((d) =>
      d.state === 'missing' || d.state === 'expired'
        ? [{ documentId: d.documentId, state: d.state }]
        : [],
    ),
  };
}
