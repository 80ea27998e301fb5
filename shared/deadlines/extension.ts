import { workingDays } from '../time';
import type { Duration } from '../time';

// A term that a regulation lengthens only for named reasons. Seed 000:50 (R-ROUTE-4): the responsible
// executor reviews the documents within 8 working days, or within 20 working days when documents are
// missing, or the applicant cannot provide them because they were damaged or lost. The longer term
// is never available without one of those reasons.

export type ExtensionReason = 'documentsMissing' | 'documentsDamaged' | 'documentsLost';

export const EXTENSION_REASONS: readonly ExtensionReason[] = [
  'documentsMissing',
  'documentsDamaged',
  'documentsLost',
];

export interface ExtensionRule {
  readonly standard: Duration;
  readonly extended: Duration;
  readonly reasons: readonly ExtensionReason[];
  readonly rule: string;
  readonly source: string;
}

export const SEED000_REVIEW_TERM: ExtensionRule = {
  standard: workingDays(8),
  extended: workingDays(20),
  reasons: EXTENSION_REASONS,
  rule: 'R-ROUTE-4',
  source: 'seed 000:50, 000:82',
};

export type ExtensionRejection = 'extension.reasonRequired' | 'extension.reasonUnknown';

export type ExtensionResult =
  | { readonly ok: true; readonly term: Duration; readonly reason: ExtensionReason }
  | {
      readonly ok: false;
      readonly reason: ExtensionRejection;
      readonly messageKey: `calendar:deadlines.${ExtensionRejection}`;
    };

/**
 * Asks for the extended term. `reason` comes from the UI as a plain value, so an empty or unknown
 * code is an expected rejection, not a bug.
 */
export function requestExtension(
  rule: ExtensionRule,
  reason: string | null | undefined,
): ExtensionResult {
  if (reason === null || reason === undefined || reason.trim() === '') {
    return {
      ok: false,
      reason: 'extension.reasonRequired',
      messageKey: 'calendar:deadlines.extension.reasonRequired',
    };
  }
  const known = rule.reasons.find((r) => r === reason);
  if (known === undefined) {
    return {
      ok: false,
      reason: 'extension.reasonUnknown',
      messageKey: 'calendar:deadlines.extension.reasonUnknown',
    };
  }
  return { ok: true, term: rule.extended, reason: known };
}
