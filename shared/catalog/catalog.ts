// Lookups over the versioned rule-sets. A case is governed by the rule-set in force on its
// registration date (R-VER-1), so every question is asked with that date, never with "today".
import { formatDate, isLocalDate, type Duration, type LocalDate } from '../time';
import { CATALOG_DATA_REVISION, RAW_RULE_SETS } from './data';
import {
  ROUTE_KINDS,
  ruleSetSchema,
  type AvailableRoute,
  type CatalogDocument,
  type Consent,
  type LegalText,
  type Office,
  type RouteKind,
  type RuleSet,
  type ServiceDefinition,
  type Step,
  type Term,
} from './schema';

/** Message keys (namespace `catalog`) for the expected failures of this module. */
export type CatalogReason =
  | 'catalog:errors.noRuleSet'
  | 'catalog:errors.unknownService'
  | 'catalog:errors.noAkimRoute'
  | 'catalog:errors.termNotStated'
  | 'catalog:errors.channelUnavailable'
  | 'catalog:errors.channelRestricted';

export const CATALOG_REASONS: readonly CatalogReason[] = [
  'catalog:errors.noRuleSet',
  'catalog:errors.unknownService',
  'catalog:errors.noAkimRoute',
  'catalog:errors.termNotStated',
  'catalog:errors.channelUnavailable',
  'catalog:errors.channelRestricted',
];

/** Validates raw rule-sets and the rules that span rule-sets. Bad data is a bug: it throws. */
export function loadRuleSets(raw: readonly unknown[]): readonly RuleSet[] {
  const parsed = raw.map((r, i) => {
    const result = ruleSetSchema.safeParse(r);
    if (!result.success) {
      const first = result.error.issues[0];
      throw new Error(
        `catalog rule-set #${i} is invalid at ${first?.path.join('.') ?? '?'}: ${first?.message ?? ''}`,
      );
    }
    return result.data;
  });
  const ids = new Set<string>();
  for (const rs of parsed) {
    if (ids.has(rs.id)) throw new Error(`duplicate rule-set id ${rs.id}`);
    ids.add(rs.id);
  }
  // Two rule-sets for one service starting on the same day would make the choice arbitrary.
  const starts = new Map<string, string>();
  for (const rs of parsed) {
    for (const s of rs.services) {
      const key = `${s.id}@${rs.effectiveFrom}`;
      const other = starts.get(key);
      if (other !== undefined)
        throw new Error(`${other} and ${rs.id} both start ${s.id} on ${rs.effectiveFrom}`);
      starts.set(key, rs.id);
    }
  }
  return parsed;
}

const RULE_SETS: readonly RuleSet[] = loadRuleSets(RAW_RULE_SETS);

/** FNV-1a over the data: any change to a rule-set changes the version, so desks and hub can compare. */
function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

export const CATALOG_VERSION = `${CATALOG_DATA_REVISION}+${fnv1a(JSON.stringify(RAW_RULE_SETS))}`;

export function allRuleSets(): readonly RuleSet[] {
  return RULE_SETS;
}

export interface RuleSetPeriod {
  readonly ruleSetId: string;
  readonly effectiveFrom: LocalDate;
  readonly effectiveTo: LocalDate | null;
}

export interface CatalogServiceEntry {
  readonly id: string;
  /** Name under the latest rule-set that governs the service. */
  readonly name: LegalText;
  /** Every rule-set that governs the service, oldest first. */
  readonly ruleSets: readonly RuleSetPeriod[];
}

function entryFor(id: string, ruleSets: readonly RuleSet[]): CatalogServiceEntry | undefined {
  const governing = ruleSets
    .filter((rs) => rs.services.some((s) => s.id === id))
    .sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
  const latest = governing[governing.length - 1];
  const service = latest?.services.find((s) => s.id === id);
  if (!latest || !service) return undefined;
  return {
    id,
    name: service.name,
    ruleSets: governing.map((rs) => ({
      ruleSetId: rs.id,
      effectiveFrom: rs.effectiveFrom,
      effectiveTo: rs.effectiveTo,
    })),
  };
}

/** Every service the catalog knows, in the order of first appearance. */
export function listServices(): readonly CatalogServiceEntry[] {
  const ids: string[] = [];
  for (const rs of RULE_SETS) for (const s of rs.services) if (!ids.includes(s.id)) ids.push(s.id);
  return ids.flatMap((id) => {
    const entry = entryFor(id, RULE_SETS);
    return entry ? [entry] : [];
  });
}

export type FindServiceResult =
  | { readonly ok: true; readonly service: CatalogServiceEntry }
  | { readonly ok: false; readonly reason: 'catalog:errors.unknownService' };

export function findService(id: string): FindServiceResult {
  const service = entryFor(id, RULE_SETS);
  return service ? { ok: true, service } : { ok: false, reason: 'catalog:errors.unknownService' };
}

export type RuleSetInForce =
  | { readonly ok: true; readonly ruleSet: RuleSet; readonly service: ServiceDefinition }
  | { readonly ok: false; readonly reason: 'catalog:errors.noRuleSet' };

function assertDate(date: LocalDate): void {
  if (!isLocalDate(date)) throw new RangeError(`Not a date (YYYY-MM-DD): ${date}`);
}

/**
 * The rule-set governing `serviceId` for a case registered on `registrationDate`: among the rule-sets
 * in force that day (effectiveFrom ≤ date ≤ effectiveTo), the one that started last, because a later
 * act for the same service supersedes an earlier one without ending it for other services.
 */
export function ruleSetInForce(serviceId: string, registrationDate: LocalDate): RuleSetInForce {
  return ruleSetInForceIn(RULE_SETS, serviceId, registrationDate);
}

export function ruleSetInForceIn(
  ruleSets: readonly RuleSet[],
  serviceId: string,
  registrationDate: LocalDate,
): RuleSetInForce {
  assertDate(registrationDate);
  let best: { ruleSet: RuleSet; service: ServiceDefinition } | undefined;
  for (const ruleSet of ruleSets) {
    if (ruleSet.effectiveFrom > registrationDate) continue;
    if (ruleSet.effectiveTo !== null && ruleSet.effectiveTo < registrationDate) continue;
    const service = ruleSet.services.find((s) => s.id === serviceId);
    if (!service) continue;
    if (!best || ruleSet.effectiveFrom > best.ruleSet.effectiveFrom) best = { ruleSet, service };
  }
  return best ? { ok: true, ...best } : { ok: false, reason: 'catalog:errors.noRuleSet' };
}

/**
 * The service definition that governs a case: the one of the case's own rule-set when the catalog still
 * has it, else the one in force on `date` (the registration date). Null when neither is known.
 */
export function governingService(
  serviceId: string,
  ruleSetId: string | null,
  date: LocalDate | null,
): ServiceDefinition | null {
  const own =
    ruleSetId === null
      ? undefined
      : RULE_SETS.find((rs) => rs.id === ruleSetId)?.services.find((s) => s.id === serviceId);
  if (own) return own;
  if (date === null || !isLocalDate(date)) return null;
  const found = ruleSetInForce(serviceId, date);
  return found.ok ? found.service : null;
}

/** The services that have a rule-set in force on `date`, each with that rule-set. */
export function servicesInForce(
  date: LocalDate,
): readonly { readonly ruleSet: RuleSet; readonly service: ServiceDefinition }[] {
  return listServices().flatMap((entry) => {
    const found = ruleSetInForce(entry.id, date);
    return found.ok ? [{ ruleSet: found.ruleSet, service: found.service }] : [];
  });
}

export type AkimRouteTermResult =
  | {
      readonly ok: true;
      readonly duration: Duration;
      /** The words and lines the duration comes from. */
      readonly term: Term;
      readonly acceptanceDayCounted: boolean | null;
      readonly ruleSetId: string;
    }
  | {
      readonly ok: false;
      readonly reason:
        'catalog:errors.noRuleSet' | 'catalog:errors.noAkimRoute' | 'catalog:errors.termNotStated';
    };

/** The overall term of the service on the akim route, as the governing rule-set writes it. */
export function akimRouteTerm(serviceId: string, registrationDate: LocalDate): AkimRouteTermResult {
  const found = ruleSetInForce(serviceId, registrationDate);
  if (!found.ok) return found;
  const route = found.service.routes.akim;
  if (!route.available) return { ok: false, reason: 'catalog:errors.noAkimRoute' };
  if (route.term === null || route.term.duration === null)
    return { ok: false, reason: 'catalog:errors.termNotStated' };
  return {
    ok: true,
    duration: route.term.duration,
    term: route.term,
    acceptanceDayCounted: route.acceptanceDayCounted,
    ruleSetId: found.ruleSet.id,
  };
}

export interface ApplicationChannel {
  readonly route: RouteKind;
  readonly term: Term | null;
  readonly offices: readonly Office[];
}

export type WhereToApplyResult =
  | {
      readonly ok: true;
      readonly registrableAtAkimat: boolean;
      /** Text naming the offices, for services the akimat cannot register; null when it can. */
      readonly text: LegalText | null;
      /** Every channel other than the akim, with its term and the offices the rule-set names. */
      readonly channels: readonly ApplicationChannel[];
      readonly ruleSetId: string;
    }
  | { readonly ok: false; readonly reason: 'catalog:errors.noRuleSet' };

/** Where a citizen applies when the akimat cannot register the service (or wants another channel). */
export function whereToApply(serviceId: string, registrationDate: LocalDate): WhereToApplyResult {
  const found = ruleSetInForce(serviceId, registrationDate);
  if (!found.ok) return found;
  const { ruleSet, service } = found;
  const channels: ApplicationChannel[] = [];
  for (const kind of ROUTE_KINDS) {
    const route = service.routes[kind];
    if (kind === 'akim' || !route.available) continue;
    channels.push({
      route: kind,
      term: route.term,
      offices: ruleSet.offices.filter((o) => o.route === kind),
    });
  }
  return {
    ok: true,
    registrableAtAkimat: service.registrableAtAkimat,
    text: service.applyInsteadAt?.text ?? null,
    channels,
    ruleSetId: ruleSet.id,
  };
}

export type ChannelCheck =
  | { readonly ok: true; readonly route: AvailableRoute }
  | {
      readonly ok: false;
      readonly reason:
        | 'catalog:errors.noRuleSet'
        | 'catalog:errors.channelUnavailable'
        | 'catalog:errors.channelRestricted';
    };

/**
 * May an applicant with these categories use this channel (R-VER-2)? Channel eligibility belongs to
 * the rule-set: under 000 the portal is open only to the categories it lists, under 003 to everyone.
 */
export function checkChannel(
  serviceId: string,
  registrationDate: LocalDate,
  channel: RouteKind,
  applicantCategories: readonly string[],
): ChannelCheck {
  const found = ruleSetInForce(serviceId, registrationDate);
  if (!found.ok) return found;
  const route = found.service.routes[channel];
  if (!route.available) return { ok: false, reason: 'catalog:errors.channelUnavailable' };
  if (
    route.restrictedTo.length > 0 &&
    !route.restrictedTo.some((c) => applicantCategories.includes(c.id))
  ) {
    return { ok: false, reason: 'catalog:errors.channelRestricted' };
  }
  return { ok: true, route };
}

/** The ground codes that send a case to the village commission under this service's rules. */
export function villageCommissionTriggerCodes(service: ServiceDefinition): readonly string[] {
  const vc = service.akimProcess?.villageCommission;
  return vc?.participates === 'byGround' ? vc.triggerGrounds.map((g) => g.code) : [];
}

/**
 * Does a case on `groundCode` go to the village commission (R-ROUTE-1)? The trigger list is reference
 * data: an office configuration may pass its own list, which replaces the catalog's (R-ROUTE-3).
 */
export function requiresVillageCommission(
  service: ServiceDefinition,
  groundCode: string | null,
  configuredTriggerCodes?: readonly string[],
): boolean {
  const vc = service.akimProcess?.villageCommission;
  if (!vc) return false;
  switch (vc.participates) {
    case 'no':
      return false;
    case 'always':
      return true;
    case 'byGround': {
      const codes = configuredTriggerCodes ?? villageCommissionTriggerCodes(service);
      return groundCode !== null && codes.includes(groundCode);
    }
  }
}

/**
 * The duration of a step, or of its stated alternative (000: 20 working days instead of 8 when
 * documents are missing, damaged or lost, R-ROUTE-4). Asking for an alternative the step lacks is a bug.
 */
export function stepDuration(step: Step, alternativeCode?: string): Duration | null {
  if (alternativeCode === undefined) return step.duration;
  const alt = step.alternatives.find((a) => a.code === alternativeCode);
  if (!alt) throw new Error(`step ${step.id} has no alternative ${alternativeCode}`);
  return alt.duration;
}

/** Documents to present on a route (those without a route list apply to every route). */
export function documentsFor(
  service: ServiceDefinition,
  route: RouteKind,
): readonly CatalogDocument[] {
  return service.documents.filter((d) => d.routes === null || d.routes.includes(route));
}

/** Consents the applicant must give on a route (R-REG-7). */
export function consentsFor(service: ServiceDefinition, route: RouteKind): readonly Consent[] {
  return service.consents.filter((c) => c.routes === null || c.routes.includes(route));
}

/** The text in the user's language. Callers show a "translation" mark when `isOurWording` says so. */
export function localized(text: LegalText, lang: 'kk' | 'ru'): string {
  return text[lang];
}

/** True when the shown wording is ours (translation or summary), not the regulation's. */
export function isOurWording(text: LegalText, lang: 'kk' | 'ru'): boolean {
  return text.translated === 'both' || text.translated === lang;
}

/**
 * The act a rule-set's terms and steps were taken from, as the words of a "source of the rule" line
 * (issue 10 §5): the act's title, who issued it, its date (dd.MM.yyyy) and number, each only where the
 * catalog has it. A case shows it as where its rule comes from, never as an act issued for the office
 * that registers the case (a Timiryazev district regulation does not govern an Akkol okrug).
 */
export interface RuleSourceWords {
  readonly title: string;
  /** "Issuing body, dd.MM.yyyy № N" with what the catalog has; null when it has none of them. */
  readonly act: string | null;
}

export function ruleSourceWords(ruleSet: RuleSet, lang: 'kk' | 'ru'): RuleSourceWords {
  const source = ruleSet.legalSource;
  const dated = [
    source.date ? formatDate(source.date) : null,
    source.number ? `№ ${source.number}` : null,
  ]
    .filter((part): part is string => part !== null)
    .join(' ');
  const act = [source.issuingBody ? localized(source.issuingBody, lang) : null, dated || null]
    .filter((part): part is string => part !== null)
    .join(', ');
  return { title: localized(ruleSet.title, lang), act: act || null };
}

/** The rule-set a case was registered under, by its id (null for an id the catalog does not have). */
export function ruleSetById(id: string): RuleSet | null {
  return allRuleSets().find((r) => r.id === id) ?? null;
}
