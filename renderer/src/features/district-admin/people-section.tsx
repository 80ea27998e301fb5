import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../../shared/time';
import { fingerprintText, type KeyLine, type OfficePeople } from './people-view';

/**
 * The district's people and their keys from this desk's own directory: read only (managing this
 * desk's users stays on /users), and shown offline too.
 */
export function PeopleSection({
  groups,
  nameOf,
}: {
  /** null while the directory is being read. */
  groups: readonly OfficePeople[] | null;
  nameOf: (officeId: string) => string;
}) {
  const { t } = useTranslation('districtAdmin');
  if (groups === null) return <p className="district-admin-muted">{t('loading')}</p>;
  if (groups.length === 0) return <p className="district-admin-muted">{t('people.empty')}</p>;
  return (
    <>
      {groups.map(({ officeId, people }) => (
        <section
          key={officeId}
          className="district-admin-office-people"
          aria-labelledby={`district-admin-people-${officeId}`}
        >
          <h3 id={`district-admin-people-${officeId}`}>{nameOf(officeId)}</h3>
          <div className="card district-admin-table-card">
            <table className="district-admin-table">
              <thead>
                <tr>
                  <th scope="col">{t('people.columns.name')}</th>
                  <th scope="col">{t('people.columns.role')}</th>
                  <th scope="col">{t('people.columns.state')}</th>
                  <th scope="col">{t('people.columns.key')}</th>
                  <th scope="col">{t('people.columns.earlier')}</th>
                </tr>
              </thead>
              <tbody>
                {people.map((person) => (
                  <tr
                    key={person.userId}
                    className={person.active ? undefined : 'district-admin-inactive'}
                    data-testid="person-row"
                  >
                    <th scope="row">{person.name}</th>
                    <td>{t(`users:roles.${person.role}`)}</td>
                    <td>{t(person.active ? 'people.active' : 'people.inactive')}</td>
                    <td>
                      {!person.signer ? (
                        <span className="district-admin-muted">{t('people.notSigner')}</span>
                      ) : person.key ? (
                        <>
                          <Fingerprint keyId={person.key.keyId} />
                          <div className="district-admin-hint">
                            {t('people.since', { at: formatDateTime(person.key.from) })}
                          </div>
                        </>
                      ) : (
                        <span className="district-admin-muted">{t('people.noKeyInForce')}</span>
                      )}
                    </td>
                    <td>
                      {person.earlierKeys.length === 0 ? (
                        <span className="district-admin-muted">—</span>
                      ) : (
                        <ul className="district-admin-keys">
                          {person.earlierKeys.map((line) => (
                            <EarlierKey key={`${line.keyId}-${line.from}`} line={line} />
                          ))}
                        </ul>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}
    </>
  );
}

function Fingerprint({ keyId }: { keyId: string }) {
  const { t } = useTranslation('districtAdmin');
  return (
    <code
      className="district-admin-fingerprint"
      title={t('people.keyTitle', { fingerprint: keyId })}
    >
      {fingerprintText(keyId)}
    </code>
  );
}

function EarlierKey({ line }: { line: KeyLine }) {
  const { t } = useTranslation('districtAdmin');
  return (
    <li>
      <Fingerprint keyId={line.keyId} />{' '}
      <span className="district-admin-hint">
        {t('people.period', {
          from: formatDateTime(line.from),
          to: line.to === null ? '' : formatDateTime(line.to),
        })}
      </span>
    </li>
  );
}
