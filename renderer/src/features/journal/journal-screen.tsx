import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { useDesk } from '../../app/desk-context';
import { useAppSelector } from '../../app/hooks';
import { casePath } from '../../app/paths';
import {
  JOURNAL_SORTS,
  compareKazakh,
  journalOfficeIds,
  journalRows,
  journalServiceIds,
  journalSize,
  queryJournal,
  useLive,
} from '../../db';
import { formatNumber } from '../../i18n';
import { downloadFile, journalFileName, journalXlsx } from './journal-export';
import {
  DEADLINE_FILTERS,
  STAGE_FILTERS,
  journalPrintPath,
  journalQueryOf,
  readJournalParams,
  writeJournalParams,
  type JournalParams,
} from './journal-params';
import { journalRowView, type RowViewEnv } from './journal-row-view';
import { JournalTable } from './journal-table';
import { JournalToolbar, type Option } from './journal-toolbar';
import { useOfficeLabel } from './office-names';
import { useOfficeNow } from './office-time';
import { serviceName } from './service-name';
import { useJournalWindow } from './use-journal';
import './journal.css';

const SEARCH_DELAY_MS = 150;

/** The registration book: every case, searchable, filterable, sortable, exportable. */
export function JournalScreen() {
  const { t } = useTranslation(['journal', 'case']);
  const { db, clock, calendar, office } = useDesk();
  const language = useAppSelector((s) => s.preferences.language);
  const labelOf = useOfficeLabel();
  const navigate = useNavigate();
  const [searchParams, setSearchParams] = useSearchParams();
  const params = useMemo(() => readJournalParams(searchParams), [searchParams]);
  const queryKey = writeJournalParams(params).toString();
  const now = useOfficeNow(clock);
  const today = now.slice(0, 10);

  const update = useCallback(
    (change: Partial<JournalParams>) =>
      setSearchParams(writeJournalParams({ ...params, ...change }), { replace: true }),
    [params, setSearchParams],
  );

  // The search box answers as the person types: the text goes to the query 150 ms after the last key.
  const [typed, setTyped] = useState(params.search);
  const applied = useRef(params.search);
  useEffect(() => {
    if (typed === applied.current) return;
    const timer = setTimeout(() => {
      applied.current = typed;
      update({ search: typed });
    }, SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [typed, update]);
  const changeSearch = (value: string) => setTyped(value);
  const reset = () => {
    applied.current = '';
    setTyped('');
    setSearchParams(new URLSearchParams(), { replace: true });
  };

  const live = useLive(
    async () => ({
      key: queryKey,
      result: await queryJournal(db, journalQueryOf(params), { now, calendar }),
    }),
    // A deadline filter judges minute terms at the minute; the rest turns with the day.
    [db, queryKey, calendar, params.deadline ? now : today],
  );
  const result = live?.result;
  const settled = live !== undefined && live.key === queryKey;
  const journalTotal = useLive(() => journalSize(db), [db]);
  const serviceIds = useLive(() => journalServiceIds(db), [db]);
  // The district sees every okrug of its district: it filters by the office that opened the case.
  const districtMode = office?.kind === 'district';
  const officeIds = useLive(
    async () => (districtMode ? journalOfficeIds(db) : []),
    [db, districtMode],
  );

  const [range, setRange] = useState({ first: 0, last: -1 });
  const onRangeChange = useCallback(
    (first: number, last: number) =>
      setRange((r) => (r.first === first && r.last === last ? r : { first, last })),
    [],
  );
  const rowAt = useJournalWindow(result, live?.key ?? '', range.first, range.last);
  const env: RowViewEnv = { now, calendar, language, t, side: office?.kind ?? 'akimat' };
  const viewAt = (index: number) => {
    const row = rowAt(index);
    return row && journalRowView(row, env);
  };

  const [exportState, setExportState] = useState<'idle' | 'busy' | 'failed'>('idle');
  const exportXlsx = async () => {
    if (!result) return;
    setExportState('busy');
    try {
      const rows = await journalRows(result);
      downloadFile(await journalXlsx(rows, env), journalFileName(today));
      setExportState('idle');
    } catch (error) {
      console.error('journal export', error);
      setExportState('failed');
    }
  };

  const serviceOptions: Option[] = [
    { value: '', label: t('journal:filters.allServices') },
    ...(serviceIds ?? [])
      .map((id) => ({ value: id, label: serviceName(id, language) }))
      .sort((a, b) => compareKazakh(a.label, b.label)),
  ];
  const stageOptions: Option[] = [
    { value: '', label: t('journal:filters.allStages') },
    ...STAGE_FILTERS.map((s) => ({
      value: s,
      label: s === 'open' || s === 'closed' ? t(`journal:filters.${s}`) : t(`case:stages.${s}`),
    })),
  ];
  const deadlineOptions: Option[] = [
    { value: '', label: t('journal:filters.anyDeadline') },
    ...DEADLINE_FILTERS.map((d) => ({ value: d, label: t(`journal:filters.${d}`) })),
  ];
  const okrugOptions: Option[] = [
    { value: '', label: t('journal:filters.allOkrugs') },
    ...[...new Set([...(officeIds ?? []), ...(params.officeId ? [params.officeId] : [])])]
      .map((id) => ({ value: id, label: labelOf(id) }))
      .sort((a, b) => compareKazakh(a.label, b.label)),
  ];
  const sortOptions: Option[] = JOURNAL_SORTS.map((s) => ({
    value: s,
    label: t(`journal:sort.${s}`),
  }));

  const filtered =
    params.search.trim() !== '' ||
    params.serviceId !== null ||
    params.stage !== null ||
    params.deadline !== null ||
    params.officeId !== null;
  const total = result?.total ?? 0;
  const countText = !settled
    ? t('journal:searching')
    : filtered && journalTotal !== undefined
      ? t('journal:countOf', {
          count: total,
          formatted: formatNumber(total, language),
          all: formatNumber(journalTotal, language),
        })
      : t('journal:count', { count: total, formatted: formatNumber(total, language) });

  return (
    <section className="screen journal-screen">
      <div className="journal-header">
        <h1>{t('journal:title')}</h1>
        <div className="journal-actions">
          <span className="journal-count" role="status" aria-live="polite">
            {countText}
          </span>
          {filtered && (
            <button type="button" className="journal-button-secondary" onClick={reset}>
              {t('journal:filters.reset')}
            </button>
          )}
          <button
            type="button"
            className="journal-button"
            disabled={!result || total === 0 || exportState === 'busy'}
            onClick={() => void exportXlsx()}
          >
            {exportState === 'busy' ? t('journal:export.busy') : t('journal:export.button')}
          </button>
          <button
            type="button"
            className="journal-button"
            disabled={!result || total === 0}
            onClick={() => void navigate(journalPrintPath(params))}
          >
            {t('journal:print.button')}
          </button>
        </div>
      </div>
      {exportState === 'failed' && (
        <p className="journal-error" role="alert">
          {t('journal:export.failed')}
        </p>
      )}
      <JournalToolbar
        search={{
          label: t('journal:search.label'),
          placeholder: t('journal:search.placeholder'),
          value: typed,
          onChange: changeSearch,
        }}
        service={{
          label: t('journal:filters.service'),
          value: params.serviceId ?? '',
          options: serviceOptions,
          onChange: (v) => update({ serviceId: v || null }),
        }}
        stage={{
          label: t('journal:filters.stage'),
          value: params.stage ?? '',
          options: stageOptions,
          onChange: (v) => update({ stage: STAGE_FILTERS.find((s) => s === v) ?? null }),
        }}
        {...(districtMode
          ? {
              okrug: {
                label: t('journal:filters.okrug'),
                value: params.officeId ?? '',
                options: okrugOptions,
                onChange: (v: string) => update({ officeId: v || null }),
              },
            }
          : {})}
        deadline={{
          label: t('journal:filters.deadline'),
          value: params.deadline ?? '',
          options: deadlineOptions,
          onChange: (v) => update({ deadline: DEADLINE_FILTERS.find((d) => d === v) ?? null }),
        }}
        sort={{
          label: t('journal:sort.label'),
          value: params.sort,
          options: sortOptions,
          onChange: (v) => update({ sort: JOURNAL_SORTS.find((s) => s === v) ?? 'dateDesc' }),
        }}
      />
      {settled && total === 0 ? (
        <div className="journal-empty">
          <p>{journalTotal === 0 ? t('journal:empty.noCases') : t('journal:empty.noMatches')}</p>
        </div>
      ) : (
        <JournalTable
          total={total}
          rowAt={viewAt}
          onRangeChange={onRangeChange}
          onOpen={(id) => void navigate(casePath(id))}
          caption={t('journal:title')}
          queryKey={queryKey}
          iinLabel={t('journal:columns.iin')}
          loadingLabel={t('journal:loading')}
          provisionalLabel={t('journal:provisional')}
          columns={{
            number: t('journal:columns.number'),
            date: t('journal:columns.date'),
            applicant: t('journal:columns.applicant'),
            service: t('journal:columns.service'),
            stage: t('journal:columns.stage'),
            due: t('journal:columns.due'),
            status: t('journal:columns.status'),
          }}
        />
      )}
    </section>
  );
}
