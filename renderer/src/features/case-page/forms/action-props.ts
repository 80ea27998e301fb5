import type { CaseEventType, CaseState } from '../../../../../shared/case';

export interface ActionProps {
  caseId: string;
  state: CaseState;
  /** Called after the event is saved. */
  onDone: (type: CaseEventType) => void;
  onCancel: () => void;
}

/** Drops absent optional values, so a stored payload never carries `undefined`. */
export function compact<T extends Record<string, unknown>>(value: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = v;
  return out as T;
}
