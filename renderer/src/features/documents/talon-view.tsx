import { useParams } from 'react-router';
import type { CaseState } from '../../../../shared/case';
import { formatDate, formatDateTime } from '../../../../shared/time';
import { useDesk } from '../../app/desk-context';
import { casePath } from '../../app/paths';
import { useLive } from '../../db';
import { applicantLine, officeLines, representativeLine, serviceName, type DocT } from './common';
import { DocHeader, FieldTable, SignLine } from './doc-parts';
import { pdfFileName } from './file-name';
import { loadCasePrint } from './print-data';
import { registeredBy, serviceOfCase, talonFacts, type TalonFacts } from './talon';
import { usePrintFrame } from './use-print-frame';

interface TalonProps {
  t: DocT;
  office: { office: string; district: string };
  service: string;
  state: CaseState;
  facts: TalonFacts;
}

function TalonPart({ t, office, service, state, facts, main }: TalonProps & { main: boolean }) {
  const applicant = state.applicant;
  const due =
    facts.due.kind === 'date'
      ? ([t('talon.resultDate'), formatDate(facts.due.date)] as const)
      : ([t('talon.resultMoment'), formatDateTime(facts.due.at)] as const);
  const dueText = facts.dueProvisional ? `${due[1]} ${t('talon.provisional')}` : due[1];
  return (
    <div className="talon-part">
      <DocHeader office={office.office} district={office.district} />
      <h2 className="doc-title">{t('talon.title')}</h2>
      <div className="talon-part-label">{main ? t('talon.mainPart') : t('talon.tearOffPart')}</div>
      <FieldTable
        rows={[
          [t('talon.registrationNumber'), facts.registrationNumber],
          [t('talon.registrationDate'), formatDate(facts.registrationDate)],
          [
            t('talon.receivedAt'),
            main && facts.receivedAt ? formatDateTime(facts.receivedAt) : null,
          ],
          [t('common.applicant'), applicant ? applicantLine(t, applicant) : null],
          [t('common.representative'), main ? representativeLine(t, state.representative) : null],
          [t('common.service'), service],
          [due[0], dueText],
          [t('talon.acceptedBy'), facts.acceptedBy],
        ]}
      />
      {main ? (
        <>
          <SignLine role={t('talon.applicantReceived')} hint={t('common.applicantSignature')} />
          <SignLine
            role={t('talon.acceptedBy')}
            name={facts.acceptedBy}
            hint={t('common.signature')}
          />
        </>
      ) : (
        <SignLine role="" name={facts.acceptedBy} hint={t('talon.acceptedBySignature')} />
      )}
    </div>
  );
}

/** R-REG-5: the talon with its tear-off part, on one A4 sheet cut along the dashed line. */
export function TalonDocument(props: TalonProps) {
  return (
    <article className="doc-sheet" aria-label={props.t('talon.title')}>
      <TalonPart {...props} main />
      <div className="talon-cut">✂ {props.t('talon.cutLine')}</div>
      <TalonPart {...props} main={false} />
    </article>
  );
}

export function TalonPrintView() {
  const { caseId = '' } = useParams();
  const { db, office, calendar } = useDesk();
  const { lang, t, ui, frame } = usePrintFrame('titles.talon', casePath(caseId));
  const data = useLive(() => loadCasePrint(db, caseId), [db, caseId]);

  if (data === undefined) return frame(null, [{ tone: 'info', text: ui('status.loading') }]);
  if (data === null) return frame(null, [{ tone: 'bad', text: ui('status.caseNotFound') }]);
  if (office === null) return frame(null, [{ tone: 'bad', text: ui('status.officeNotSetUp') }]);
  const { state, names } = data;
  const userId = registeredBy(state);
  const check = talonFacts(state, userId === null ? null : (names.get(userId) ?? null), calendar);
  if (!check.ok) {
    const text =
      check.reason === 'notRegistered'
        ? ui('status.notRegistered')
        : ui('status.talonBlocked', {
            fields: check.missing.map((f) => ui(`status.talonFields.${f}`)).join(', '),
          });
    return frame(null, [{ tone: 'bad', text }]);
  }
  const service = serviceName(serviceOfCase(state), state.serviceId ?? '', lang);
  return frame(
    pdfFileName(t('fileNames.talon'), check.facts.registrationNumber),
    [],
    <TalonDocument
      t={t}
      office={officeLines(office, lang)}
      service={service}
      state={state}
      facts={check.facts}
    />,
  );
}
