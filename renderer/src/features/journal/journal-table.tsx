import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, type KeyboardEvent } from 'react';
import type { JournalRowView } from './journal-row-view';

/** Every line has this height: the virtual list places rows by index, without measuring them. */
export const JOURNAL_ROW_HEIGHT = 52;
const HEADER_HEIGHT = 40;

export interface JournalColumns {
  number: string;
  date: string;
  applicant: string;
  service: string;
  stage: string;
  due: string;
  status: string;
}

interface JournalTableProps {
  total: number;
  /** The line at a position, or undefined while it is being read. */
  rowAt: (index: number) => JournalRowView | undefined;
  /** Called with the first and last positions on screen (overscan included). */
  onRangeChange: (first: number, last: number) => void;
  onOpen: (caseId: string) => void;
  columns: JournalColumns;
  caption: string;
  /** Changes when the search, filters or sort change: the list then starts again at the top. */
  queryKey: string;
  iinLabel: string;
  loadingLabel: string;
  /** Said of a due date that rests on an estimated day off. */
  provisionalLabel: string;
}

/**
 * The number cell: the flag, then the number; for a proactive case (no number, R-PRO-1) the mark
 * «проактивно» with the occasion on a second line and the whole in the title. The row's `number`
 * stays '' for it, so the number search and the number order are the book's.
 */
export function JournalNumberCell({
  row,
}: {
  row: Pick<JournalRowView, 'flag' | 'number' | 'proactive'>;
}) {
  const flag = row.flag && (
    <span className="journal-flag" role="img" aria-label={row.flag} title={row.flag}>
      !
    </span>
  );
  const proactive = row.proactive;
  if (proactive === null) {
    return (
      <span role="cell" className="journal-number">
        {flag}
        {row.number}
      </span>
    );
  }
  return (
    <span role="cell" className="journal-two-lines" title={proactive.line}>
      <span className="journal-number journal-proactive">
        {flag}
        {proactive.mark}
      </span>
      <span className="journal-sub">{proactive.occasion}</span>
    </span>
  );
}

/**
 * The journal as a virtual list: only the lines on screen exist in the DOM, so 100,000 cases scroll
 * as smoothly as 10. The header stays on top while the lines scroll under it.
 */
export function JournalTable(props: JournalTableProps) {
  const { total, rowAt, onRangeChange, onOpen, columns } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read during render by design.
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => JOURNAL_ROW_HEIGHT,
    overscan: 12,
    scrollMargin: HEADER_HEIGHT,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? -1;

  useEffect(() => {
    onRangeChange(first, last);
  }, [first, last, onRangeChange]);

  // A new search starts at the top of the list; a live change to the same list keeps the place.
  const { queryKey } = props;
  useEffect(() => {
    scrollRef.current?.scrollTo({ top: 0 });
  }, [queryKey]);

  const openOnKey = (event: KeyboardEvent, id: string) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      onOpen(id);
    }
  };

  return (
    <div
      className="journal-table"
      ref={scrollRef}
      role="table"
      aria-label={props.caption}
      aria-rowcount={total + 1}
    >
      <div className="journal-row journal-head" role="row" aria-rowindex={1}>
        <span role="columnheader">{columns.number}</span>
        <span role="columnheader">{columns.date}</span>
        <span role="columnheader">{columns.applicant}</span>
        <span role="columnheader">{columns.service}</span>
        <span role="columnheader">{columns.stage}</span>
        <span role="columnheader">{columns.due}</span>
        <span role="columnheader">{columns.status}</span>
      </div>
      <div className="journal-body" style={{ height: virtualizer.getTotalSize() }}>
        {items.map((item) => {
          const row = rowAt(item.index);
          const style = { transform: `translateY(${item.start - HEADER_HEIGHT}px)` };
          if (!row) {
            return (
              <div
                key={item.key}
                className="journal-row journal-placeholder"
                role="row"
                aria-rowindex={item.index + 2}
                style={style}
              >
                <span role="cell">{props.loadingLabel}</span>
              </div>
            );
          }
          return (
            <div
              key={item.key}
              className={`journal-row journal-line journal-tone-${row.tone}`}
              role="row"
              aria-rowindex={item.index + 2}
              tabIndex={0}
              style={style}
              onClick={() => onOpen(row.id)}
              onKeyDown={(event) => openOnKey(event, row.id)}
            >
              <JournalNumberCell row={row} />
              <span role="cell">{row.date}</span>
              <span role="cell" className="journal-two-lines">
                <span className="journal-name" title={row.applicant}>
                  {row.applicant}
                </span>
                <span className="journal-sub">
                  {props.iinLabel} {row.iin}
                </span>
              </span>
              <span role="cell" className="journal-clamp" title={row.service}>
                {row.service}
              </span>
              <span role="cell" className="journal-clamp">
                {row.stage}
              </span>
              <span role="cell">
                {row.due}
                {row.dueProvisional && (
                  <span
                    className="journal-provisional"
                    role="img"
                    aria-label={props.provisionalLabel}
                    title={props.provisionalLabel}
                  >
                    *
                  </span>
                )}
              </span>
              <span role="cell" className="journal-two-lines" title={row.statusDetail || undefined}>
                <span className={`journal-status journal-status-${row.tone}`}>{row.status}</span>
                {row.statusDetail && <span className="journal-sub">{row.statusDetail}</span>}
              </span>
            </div>
          );
        })}
      </div>
    </div>
  );
}
