// A sample office profile for tests. Not part of the barrel: import from 'shared/office/testing'.
import { DEFAULT_INTAKE_HOURS, DEFAULT_WORKING_HOURS, type OfficeProfile } from './office-profile';

export function sampleOfficeProfile(overrides: Partial<OfficeProfile> = {}): OfficeProfile {
  return {
    officeId: 'office-kzl01',
    kind: 'akimat',
    districtId: 'AKK',
    nameKk: 'Қызылсай ауылдық округі әкімінің аппараты',
    nameRu: 'Аппарат акима Кызылсайского сельского округа',
    code: 'KZL01',
    districtKk: 'Ақкөл ауданы',
    districtRu: 'Аккольский район',
    address: 'Қызылсай ауылы, Бейбітшілік көшесі, 1',
    deviceNo: 1,
    deviceId: 'desk-kzl01-1',
    workingHours: DEFAULT_WORKING_HOURS,
    intakeHours: DEFAULT_INTAKE_HOURS,
    lockAfterMinutes: 10,
    ...overrides,
  };
}
