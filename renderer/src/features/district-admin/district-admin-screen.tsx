// /district-admin: the district admin's screen on the district department's desk (issue 9 §1): the
// offices of the district, one-time enrollment codes for their desks, the desks themselves (revoke),
// and the people of the district with their signing keys. What must stay true:
// - Only a district department's desk shows it, and only to a person who may administer the district
//   (shared/sync mayAdministerDistrict, the rule the hub applies again to every call).
// - Offices, codes and desks are the hub's registry, read when the screen asks and never kept on the
//   desk: offline or not joined, the screen says so plainly and offers Refresh. People and keys are
//   this desk's own directory, read only and shown offline too.
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { mayAdministerDistrict, type RegistryReply } from '../../../../shared/sync';
import type { Language } from '../../../../shared/ipc';
import { useDesk } from '../../app/desk-context';
import { useAppSelector } from '../../app/hooks';
import { loadDirectory, useLive } from '../../db';
import { useOfficeLabel } from '../journal';
import type { AdminContext } from './admin-client';
import { CodesSection, NewCodePanel, type NewCode } from './codes-section';
import { DevicesSection } from './devices-section';
import { AddOfficeForm, OfficesTable } from './offices-section';
import { PeopleSection } from './people-section';
import { peopleByOffice } from './people-view';
import { codeRows, devicesByOffice, officeRows, registryOfficeName } from './registry-view';
import { useAdminContext, useFailureText, useRegistry } from './use-admin';
import './district-admin.css';

export function DistrictAdminScreen() {
  const { t } = useTranslation('districtAdmin');
  const { office } = useDesk();
  const role = useAppSelector((s) => s.session.user?.role ?? null);
  const refusal =
    office?.kind !== 'district'
      ? t('notForThisDesk')
      : role === null || !mayAdministerDistrict(role, office.kind)
        ? t('notAllowed')
        : null;
  if (refusal !== null) {
    return (
      <section className="screen district-admin-screen">
        <h1>{t('title')}</h1>
        <p role="alert">{refusal}</p>
      </section>
    );
  }
  return <DistrictAdmin />;
}

function DistrictAdmin() {
  const { t } = useTranslation('districtAdmin');
  const { db, clock, office } = useDesk();
  const language = useAppSelector((s) => s.preferences.language);
  const labelOf = useOfficeLabel();
  const failureText = useFailureText();
  const context = useAdminContext();
  const registry = useRegistry(context);
  const directory = useLive(() => loadDirectory(db), [db]);
  const people = useMemo(
    () =>
      directory && office ? peopleByOffice(directory, office.districtId, office.officeId) : null,
    [directory, office],
  );
  const result = registry.result;
  const [made, setMade] = useState<NewCode | null>(null);

  return (
    <section className="screen district-admin-screen">
      <h1>{t('title')}</h1>
      <p className="district-admin-lead">{t('lead')}</p>
      <div className="district-admin-toolbar">
        <button type="button" onClick={registry.refresh} disabled={registry.loading}>
          {registry.loading ? t('loading') : t('refresh')}
        </button>
      </div>
      {made && (
        <NewCodePanel
          key={made.reply.code}
          made={made}
          language={language}
          fallbackName={labelOf}
          onHide={() => setMade(null)}
        />
      )}
      {result && !result.ok && (
        <div className="district-admin-problem" role="alert">
          <p>{failureText(result)}</p>
          <p>{t('hubNeeded')}</p>
        </div>
      )}
      {result?.ok ? (
        <RegistrySections
          registry={result.value}
          nowMs={clock.nowMs()}
          language={language}
          context={context}
          onChanged={registry.refresh}
          onCodeMade={(code) => {
            setMade(code);
            registry.refresh();
          }}
          fallbackName={(id) => labelOf(id)}
        />
      ) : (
        <RegistryMissing waiting={result === null} />
      )}
      <section className="district-admin-section" aria-labelledby="district-admin-people">
        <h2 id="district-admin-people">{t('people.heading')}</h2>
        <p className="district-admin-lead">{t('people.lead')}</p>
        <PeopleSection groups={people} nameOf={(id) => labelOf(id)} />
      </section>
    </section>
  );
}

/** The hub's three sections while there is no registry to show: each says it needs the hub. */
function RegistryMissing({ waiting }: { waiting: boolean }) {
  const { t } = useTranslation('districtAdmin');
  const line = waiting ? t('loading') : t('needsHub');
  return (
    <>
      {(['offices', 'codes', 'devices'] as const).map((part) => (
        <section
          key={part}
          className="district-admin-section"
          aria-labelledby={`district-admin-${part}`}
        >
          <h2 id={`district-admin-${part}`}>{t(`${part}.heading`)}</h2>
          <p className="district-admin-muted">{line}</p>
        </section>
      ))}
    </>
  );
}

/** The registry's sections: offices (and a new one), enrollment codes, desks. */
export function RegistrySections({
  registry,
  nowMs,
  language,
  context,
  onChanged,
  onCodeMade,
  fallbackName,
}: {
  registry: RegistryReply;
  nowMs: number;
  language: Language;
  context: () => Promise<AdminContext>;
  onChanged: () => void;
  /** A code was made: the screen shows it once, and reads the registry again. */
  onCodeMade: (made: NewCode) => void;
  /** A name for an office the registry does not list. */
  fallbackName: (officeId: string) => string;
}) {
  const { t } = useTranslation('districtAdmin');
  const offices = officeRows(registry);
  const byId = new Map(registry.offices.map((o) => [o.id, o]));
  const nameOf = (officeId: string) => {
    const office = byId.get(officeId);
    return office ? registryOfficeName(office, language) : fallbackName(officeId);
  };
  return (
    <>
      <section className="district-admin-section" aria-labelledby="district-admin-offices">
        <h2 id="district-admin-offices">{t('offices.heading')}</h2>
        <OfficesTable rows={offices} />
        <AddOfficeForm
          offices={registry.offices}
          language={language}
          context={context}
          onAdded={onChanged}
        />
      </section>
      <section className="district-admin-section" aria-labelledby="district-admin-codes">
        <h2 id="district-admin-codes">{t('codes.heading')}</h2>
        <p className="district-admin-lead">{t('codes.lead')}</p>
        <CodesSection
          offices={offices}
          codes={codeRows(registry, nowMs)}
          nameOf={nameOf}
          context={context}
          onMade={onCodeMade}
        />
      </section>
      <section className="district-admin-section" aria-labelledby="district-admin-devices">
        <h2 id="district-admin-devices">{t('devices.heading')}</h2>
        <p className="district-admin-lead">{t('devices.lead')}</p>
        <DevicesSection
          groups={devicesByOffice(registry)}
          nameOf={nameOf}
          context={context}
          onRevoked={onChanged}
        />
      </section>
    </>
  );
}
