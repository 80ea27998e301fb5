// What the receipt refusing to accept an application prints (R-REG-6). An incomplete package or an
// expired document gets «осы Қағидаларға 2-1-қосымшаға сәйкес нысан бойынша … өтініш қабылдаудан бас
// тарту туралы қолхат» (seed 003:27); appendix 2-1 was added to the rules by the same order (003:56).
// What must stay true:
// - The desk gives this receipt for every service refused at intake (R-REG-6), so its form is that of
//   appendix 2-1 whatever the service; the form mark names where the form comes from, truthfully: the
//   rules whose appendix it is (their own service name) and the order that approved them (MLSPP order
//   No. 84 of 25.03.2021, registered under No. 22394, 003:1,7), all read from the catalog (the
//   rule-set whose service lists the result 'acceptanceRefusalReceipt'). The case's own service is
//   printed apart, as the service applied for. A refusal dated before the form existed (before that
//   rule-set took effect) gets no form mark.
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

/** Where the receipt's form comes from: appendix 2-1 of the rules of a service. */
export interface ReceiptForm {
  readonly appendix: '2-1';
  /** The service whose rules the appendix belongs to (its own title names that service). */
  readonly rulesServiceId: string;
  /** The service whose rules the appendix belongs to, as the form mark quotes it. */
  readonly rulesServiceName: LegalText;
  /** The order that approved those rules (for the legal reference); null when the data do not say. */
  readonly approvedBy: RulesApproval | null;
}

export interface AcceptanceRefusalFacts {
  /** The form of appendix 2-1 in force on the refusal date; null before it existed. */
  readonly form: ReceiptForm | null;
  readonly serviceId: string;
  readonly receiptNumber: string | null;
  readonly receivedAt: LocalDateTime;
  readonly refusalDate: LocalDate;
  /** The documents missing or expired, in the order of the check, by catalog id. */
  readonly gaps: readonly { readonly documentId: string; readonly state: 'missing' | 'expired' }[];
}

/** The form of appendix 2-1 in force on a date, from the rule-set that defines it. */
export function receiptFormOn(date: LocalDate): ReceiptForm | null {
  for (const ruleSet of allRuleSets()) {
    if (date < ruleSet.effectiveFrom) continue;
    if (ruleSet.effectiveTo !== null && date > ruleSet.effectiveTo) continue;
    const service = ruleSet.services.find((s) =>
      s.results.some((r) => r.kind === 'acceptanceRefusalReceipt'),
    );
    if (!service) continue;
    const amends = ruleSet.legalSource.amends;
    return {
      appendix: '2-1',
      rulesServiceId: service.id,
      rulesServiceName: service.name,
      approvedBy: amends
        ? {
            date: amends.date,
            number: amends.number,
            registrationNumber: amends.registrationNumber,
          }
        : null,
    };
  }
  return null;
}

/** The receipt's facts for a refused case; null for a case that was not refused at intake. */
export function acceptanceRefusalFacts(state: CaseState): AcceptanceRefusalFacts | null {
  const refusal = state.acceptanceRefusal;
  if (refusal === null) return null;
  return {
    form: receiptFormOn(refusal.refusalDate),
    serviceId: refusal.serviceId,
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
