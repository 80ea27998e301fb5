import { useEffect, useState } from 'react';
import { watchJournalWindow, type CaseRow, type JournalResult } from '../../db';

/** Rows are read and followed in pages of this size around what is on screen. */
export const JOURNAL_PAGE_SIZE = 100;

interface Pages {
  result: JournalResult | undefined;
  queryKey: string;
  rows: ReadonlyMap<number, CaseRow[]>;
}

/**
 * The rows of the pages that cover positions first..last, each followed live. When the same query is
 * refreshed (a case changed), the earlier rows stay on screen until the new ones arrive, so the list
 * never blanks; a different query never shows the previous query's rows.
 */
export function useJournalWindow(
  result: JournalResult | undefined,
  queryKey: string,
  first: number,
  last: number,
): (index: number) => CaseRow | undefined {
  const [pages, setPages] = useState<Pages>({ result: undefined, queryKey: '', rows: new Map() });
  const firstPage = Math.floor(Math.max(0, first) / JOURNAL_PAGE_SIZE);
  const lastPage = Math.floor(Math.max(0, last) / JOURNAL_PAGE_SIZE);
  const hasRange = last >= first;

  useEffect(() => {
    if (!result || !hasRange) return;
    const stops: (() => void)[] = [];
    for (let page = firstPage; page <= lastPage; page++) {
      stops.push(
        watchJournalWindow(
          result,
          page * JOURNAL_PAGE_SIZE,
          JOURNAL_PAGE_SIZE,
          (rows) =>
            setPages((previous) => {
              // A new result drops the old pages once its own first page is here.
              const kept =
                previous.result === result ? previous.rows : new Map<number, CaseRow[]>();
              return { result, queryKey, rows: new Map(kept).set(page, rows) };
            }),
          (error) => console.error('journal window', error),
        ),
      );
    }
    return () => stops.forEach((stop) => stop());
  }, [result, queryKey, firstPage, lastPage, hasRange]);

  return (index) =>
    pages.queryKey === queryKey
      ? pages.rows.get(Math.floor(index / JOURNAL_PAGE_SIZE))?.[index % JOURNAL_PAGE_SIZE]
      : undefined;
}
