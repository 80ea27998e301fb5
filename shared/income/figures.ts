// The figures a decision compares the per-capita income with — the poverty line (кедейлік шегі /
// черта бедности, a share of the subsistence minimum) and the subsistence minimum itself (ең төменгі
// күнкөріс деңгейі / прожиточный минимум, 001:5252) — as versioned reference data, never constants in
// code. The seeds give no amounts, so the build ships none: the district installs a figures file
// (the hub delivers it to desks by sync, or it is installed by hand on the system page).
// What must stay true:
// - Nothing from outside the build is used before parseIncomeFigures accepts it; bad data is a value
//   (a message key), never a throw.
// - A version names one data set and only grows (compareFiguresVersions): a desk or a hub keeps the
//   data it has unless the new one is newer.
// - The figure in force on a date is the entry of that kind with the latest `from` not after it; two
//   entries of one kind never share a `from`, so the answer is one entry.
import { z } from 'zod';
import { compareCalendarVersions } from '../calendar';
import { isLocalDate, type LocalDate } from '../time';

export const INCOME_FIGURES_SCHEMA = 'akimat-desk/income-figures/v1';

export const FIGURE_KINDS = ['povertyLine', 'subsistenceMinimum'] as const;
export type FigureKind = (typeof FIGURE_KINDS)[number];

/**
 * 'YYYY.M.N', the spelling of the calendar data's versions, so the two are ordered by one function
 * (shared/calendar compareCalendarVersions: numerically part by part, 2026.9.1 < 2026.12.1).
 */
export const FIGURES_VERSION_RE = /^([1-9]\d{3})\.([1-9]|1[0-2])\.([1-9]\d*)$/;

const text = z.string().trim().min(1).max(2000);

export const incomeFigureSchema = z.strictObject({
  kind: z.enum(FIGURE_KINDS),
  /** The first day the amount is in force. */
  from: z.string().refine(isLocalDate, 'LocalDate YYYY-MM-DD'),
  /** A month's amount per person, in tiyn. */
  amountTiyn: z.int().min(1).max(100_000_000_00),
  /** The act that set it (its name, number and date), as the district read it. */
  source: text,
});
export type IncomeFigure = z.infer<typeof incomeFigureSchema>;

export const incomeFiguresSchema = z
  .strictObject({
    schema: z.literal(INCOME_FIGURES_SCHEMA),
    version: z.string().regex(FIGURES_VERSION_RE, 'version YYYY.M.N'),
    figures: z.array(incomeFigureSchema).max(1000),
  })
  .superRefine((d, ctx) => {
    const seen = new Set<string>();
    d.figures.forEach((f, i) => {
      const key = `${f.kind}@${f.from}`;
      if (seen.has(key)) {
        ctx.addIssue({
          code: 'custom',
          message: `two ${f.kind} figures from ${f.from}`,
          path: ['figures', i],
        });
      }
      seen.add(key);
    });
  });
export type IncomeFigures = z.infer<typeof incomeFiguresSchema>;

/** Message keys (namespace `income`) for figures data the desk or the hub will not use. */
export type IncomeFiguresReason =
  /** A format newer (or other) than this build knows: the app needs an update. */
  | 'income:figuresErrors.unknownSchema'
  /** Damaged, incomplete or self-contradicting data. */
  | 'income:figuresErrors.invalid';

export type ParseIncomeFiguresResult =
  | { readonly ok: true; readonly data: IncomeFigures }
  | { readonly ok: false; readonly reason: IncomeFiguresReason };

/** Validates figures data from outside the build (a file, the hub). */
export function parseIncomeFigures(raw: unknown): ParseIncomeFiguresResult {
  if (typeof raw === 'object' && raw !== null && 'schema' in raw) {
    if (raw.schema !== INCOME_FIGURES_SCHEMA) {
      return { ok: false, reason: 'income:figuresErrors.unknownSchema' };
    }
  }
  const parsed = incomeFiguresSchema.safeParse(raw);
  return parsed.success
    ? { ok: true, data: parsed.data }
    : { ok: false, reason: 'income:figuresErrors.invalid' };
}

/** Negative when version a is older than b, positive when newer, 0 when equal. '' (none) is oldest. */
export function compareFiguresVersions(a: string, b: string): number {
  if (a === '' || b === '') return (a === '' ? 0 : 1) - (b === '' ? 0 : 1);
  return compareCalendarVersions(a, b);
}

/** Whether `next` may replace `current` (null: nothing installed): only a newer version may. */
export function isNewerFigures(current: IncomeFigures | null, next: IncomeFigures): boolean {
  return compareFiguresVersions(next.version, current?.version ?? '') > 0;
}

/** The figure of `kind` in force on `date`: the latest `from` not after it; null when none is. */
export function figureInForce(
  data: IncomeFigures | null,
  kind: FigureKind,
  date: LocalDate,
): IncomeFigure | null {
  let best: IncomeFigure | null = null;
  for (const f of data?.figures ?? []) {
    if (f.kind !== kind || f.from > date) continue;
    if (best === null || f.from > best.from) best = f;
  }
  return best;
}

/** Every figure in force on `date`, one per kind that has one, in FIGURE_KINDS order. */
export function figuresInForce(data: IncomeFigures | null, date: LocalDate): IncomeFigure[] {
  return FIGURE_KINDS.flatMap((kind) => {
    const f = figureInForce(data, kind, date);
    return f ? [f] : [];
  });
}

export type PovertyLineComparison =
  | { readonly kind: 'noFigure' }
  | {
      readonly kind: 'compared';
      readonly line: IncomeFigure;
      /**
       * The per-capita income exceeds the poverty line: the ground of refusal of 001:4897 ("кедейлік
       * шегінен асатын"); not exceeding it is the condition of 001:4871 ("кедейлік шегінен аспайтын").
       */
      readonly exceeds: boolean;
    };

/** The per-capita income against the poverty line in force on `date`. */
export function compareWithPovertyLine(
  data: IncomeFigures | null,
  perCapitaIncomeTiyn: number,
  date: LocalDate,
): PovertyLineComparison {
  const line = figureInForce(data, 'povertyLine', date);
  if (line === null) return { kind: 'noFigure' };
  return { kind: 'compared', line, exceeds: perCapitaIncomeTiyn > line.amountTiyn };
}
