import { compareKazakh } from '../../../../shared/text/collation';
import type { InboundRegister } from '../../db';

/** The registers of one okrug (the akimat that forwarded them), as the inbound screen groups them. */
export interface OkrugGroup {
  readonly officeId: string | null;
  readonly label: string;
  readonly registers: readonly InboundRegister[];
  /** Cases of the okrug still waiting to be received. */
  readonly waiting: number;
}

/**
 * The queue by okrug, okrugs in the Kazakh alphabet's order of their names, each okrug's registers in
 * the queue's order (the oldest first).
 */
export function groupByOkrug(
  queue: readonly InboundRegister[],
  labelOf: (officeId: string | null) => string,
): OkrugGroup[] {
  const byOffice = new Map<string | null, InboundRegister[]>();
  for (const register of queue) {
    const list = byOffice.get(register.officeId);
    if (list) list.push(register);
    else byOffice.set(register.officeId, [register]);
  }
  return [...byOffice]
    .map(([officeId, registers]) => ({
      officeId,
      label: labelOf(officeId),
      registers,
      waiting: registers.reduce((sum, r) => sum + r.waiting.length, 0),
    }))
    .sort((a, b) => compareKazakh(a.label, b.label));
}
