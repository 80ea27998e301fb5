import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { addDays } from '../time';
import { RAW_RULE_SETS } from './data';
import {
  CATALOG_REASONS,
  CATALOG_VERSION,
  akimRouteTerm,
  allRuleSets,
  checkChannel,
  consentsFor,
  documentsFor,
  findService,
  listServices,
  loadRuleSets,
  requiresVillageCommission,
  ruleSetInForce,
  servicesInForce,
  stepDuration,
  villageCommissionTriggerCodes,
  whereToApply,
} from './index';
import {
  SEED_LINE_COUNTS,
  inForceAfterPublication,
  ruleSetSchema,
  type LegalText,
  type RuleSet,
  type ServiceDefinition,
} from './schema';

const TODAY = '2026-11-22';
const IN_2012 = '2012-12-03';

const SEED_001_IDS = [
  'disabled-personal-assistant-sign-language',
  'disabled-wheelchair',
  'disabled-prosthetic-orthopedic',
  'social-aid-maslikhat-categories',
  'child-benefit-under-18',
  'housing-aid',
  'social-services-medico-social-institutions',
  'social-services-at-home',
  'fuel-aid-rural-social-specialists',
  'unemployed-registration',
  'disabled-sanatorium-treatment',
  'semipalatinsk-victims-registration',
  'disabled-surdo-tiflo-hygiene',
  'targeted-social-assistance',
  'asp-recipient-certificate',
  'active-employment-referral',
];
const AKIM_2012 = [
  'child-benefit-under-18',
  'fuel-aid-rural-social-specialists',
  'targeted-social-assistance',
  'asp-recipient-certificate',
];

function inForce(
  serviceId: string,
  date: string,
): { ruleSet: RuleSet; service: ServiceDefinition } {
  const r = ruleSetInForce(serviceId, date);
  if (!r.ok) throw new Error(`${serviceId} has no rule-set on ${date}`);
  return r;
}

/** Every object in the data that looks like a Source. */
function collectSources(value: unknown, out: { seed: string; lines: number[] }[] = []): typeof out {
  if (Array.isArray(value)) {
    for (const v of value) collectSources(v, out);
  } else if (value !== null && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (typeof o.seed === 'string' && Array.isArray(o.lines))
      out.push({ seed: o.seed, lines: o.lines as number[] });
    for (const v of Object.values(o)) collectSources(v, out);
  }
  return out;
}

function collectKeys(value: unknown, out: Set<string> = new Set()): Set<string> {
  if (Array.isArray(value)) for (const v of value) collectKeys(v, out);
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      out.add(k);
      collectKeys(v, out);
    }
  }
  return out;
}

function collectLegalTexts(value: unknown, out: LegalText[] = []): LegalText[] {
  if (Array.isArray(value)) for (const v of value) collectLegalTexts(v, out);
  else if (value !== null && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (typeof o.kk === 'string' && typeof o.ru === 'string') out.push(o as unknown as LegalText);
    else for (const v of Object.values(o)) collectLegalTexts(v, out);
  }
  return out;
}

describe('data', () => {
  test('every rule-set file passes the schema', () => {
    for (const raw of RAW_RULE_SETS) {
      const r = ruleSetSchema.safeParse(raw);
      expect(r.success ? [] : r.error.issues).toEqual([]);
    }
    expect(allRuleSets()).toHaveLength(RAW_RULE_SETS.length);
  });

  test('the schema rejects a line past the end of its seed', () => {
    const bad = structuredClone(RAW_RULE_SETS[0]) as {
      services: { nameSources: { lines: number[] }[] }[];
    };
    const first = bad.services[0]?.nameSources[0];
    if (!first) throw new Error('fixture');
    first.lines = [SEED_LINE_COUNTS['001'] + 1];
    expect(ruleSetSchema.safeParse(bad).success).toBe(false);
    expect(() => loadRuleSets([bad])).toThrow(/line 12169/);
  });

  test('every Source line points inside its seed file', () => {
    const all = collectSources(RAW_RULE_SETS);
    expect(all.length).toBeGreaterThan(1000);
    for (const s of all) {
      const max = SEED_LINE_COUNTS[s.seed as keyof typeof SEED_LINE_COUNTS];
      expect(max, `seed ${s.seed}`).toBeDefined();
      for (const line of s.lines) {
        expect(line).toBeGreaterThanOrEqual(1);
        expect(line).toBeLessThanOrEqual(max);
      }
    }
    // Seeds 000, 002, 003 and 004 are all cited, not only 001.
    expect(new Set(all.map((s) => s.seed))).toEqual(new Set(['000', '001', '002', '003', '004']));
  });

  test('every service has a Kazakh and a Russian name, in every rule-set', () => {
    for (const rs of allRuleSets()) {
      for (const s of rs.services) {
        expect(s.name.kk.trim().length, s.id).toBeGreaterThan(5);
        expect(s.name.ru.trim().length, s.id).toBeGreaterThan(5);
        expect(s.name.kk).not.toEqual(s.name.ru);
      }
    }
  });

  test('seed-001 names come from the regulations, not from us', () => {
    for (const id of SEED_001_IDS) {
      const s = inForce(id, '2013-02-01').service;
      expect(s.name.translated, id).toBeUndefined();
      expect(s.nameSources.map((src) => src.seed)).toEqual(['001', '001']);
    }
  });

  test('Kazakh texts use Kazakh Cyrillic letters, never Latin look-alikes inside a word', () => {
    const texts = collectLegalTexts(RAW_RULE_SETS);
    expect(texts.length).toBeGreaterThan(300);
    const mixed = /[\p{Script=Cyrillic}][a-zA-Z]|[a-zA-Z][\p{Script=Cyrillic}]/u;
    for (const t of texts) {
      expect(mixed.test(t.kk), t.kk).toBe(false);
      expect(mixed.test(t.ru), t.ru).toBe(false);
    }
    // The Kazakh і (U+0456) is used, so the check above is not vacuous.
    expect(texts.some((t) => t.kk.includes('\u0456'))).toBe(true);
  });

  test('all 16 services of the 2012 regulations are in the catalog, plus the two 2013 e-services', () => {
    const ids = listServices().map((s) => s.id);
    for (const id of SEED_001_IDS) expect(ids).toContain(id);
    expect(ids).toContain('unemployed-certificate');
    expect(ids).toContain('home-schooled-disabled-children-support');
    expect(ids).toHaveLength(18);
    const numbers = SEED_001_IDS.map((id) => inForce(id, '2013-02-01').service.number);
    expect(numbers).toEqual(Array.from({ length: 16 }, (_, i) => i + 1));
  });

  test('readings keep both languages and point at a field that exists', () => {
    let count = 0;
    for (const rs of allRuleSets()) {
      for (const s of rs.services) {
        for (const r of s.readings) {
          count++;
          expect(r.chosenReading.lang).toBe(r.chosen);
          expect(r.alternative.lang).not.toBe(r.chosen);
          expect(r.chosenReading.source.seed).toBe(r.alternative.source.seed);
          expect(r.chosenReading.source.lines).not.toEqual(r.alternative.source.lines);
          if (r.appliesTo !== null)
            expect(resolvePath(s, r.appliesTo), `${s.id}: ${r.appliesTo}`).toBeDefined();
        }
      }
    }
    expect(count).toBeGreaterThanOrEqual(15);
  });

  test('the 10-day term of the unemployed registration keeps the Kazakh working-day reading as alternative', () => {
    const s = inForce('unemployed-registration', IN_2012).service;
    const r = s.readings.find((x) => x.appliesTo === 'routes.authorizedBody.term');
    expect(r?.chosen).toBe('ru');
    expect(r?.chosenReading.duration).toEqual({ amount: 10, unit: 'calendarDays' });
    expect(r?.alternative.duration).toEqual({ amount: 10, unit: 'workingDays' });
    expect(r?.alternative.source.lines).toEqual([3483]);
    const route = s.routes.authorizedBody;
    expect(route.available && route.term?.duration).toEqual({ amount: 10, unit: 'calendarDays' });
  });

  describe('fuel aid (seed 001, service 9): where the kk and ru texts differ (issue item 1.7)', () => {
    const s = inForce('fuel-aid-rural-social-specialists', IN_2012).service;
    const reading = (id: string) => {
      const r = s.readings.find((x) => x.id === id);
      if (r === undefined) throw new Error(`no reading ${id}`);
      return r;
    };

    test.each([
      [
        'dismissal-ground-veterinary-suspension',
        'suspensionGrounds.grounds.dismissed',
        'ru',
        9285,
        3108,
      ],
      [
        'dismissal-ground-veterinary-termination',
        'terminationGrounds.grounds.dismissed',
        'ru',
        9285,
        3108,
      ],
      ['legal-basis-article', 'legalBasis', 'ru', 9254, 3077],
      ['akim-max-service', 'routes.akim.maxService', 'ru', 9294, 3117],
    ] as const)('%s applies to %s, reading %s', (id, appliesTo, chosen, chosenLine, altLine) => {
      const r = reading(id);
      expect(r.appliesTo).toBe(appliesTo);
      expect(r.chosen).toBe(chosen);
      expect(r.chosenReading.source.lines).toEqual([chosenLine]);
      expect(r.alternative.source.lines).toEqual([altLine]);
    });

    test('the dismissal ground names veterinary (ru), in both ground lists', () => {
      for (const path of [
        'suspensionGrounds.grounds.dismissed',
        'terminationGrounds.grounds.dismissed',
      ]) {
        const ground = resolvePath(s, path) as { text: LegalText };
        expect(ground.text.ru).toMatch(/ветеринарии$/);
        expect(reading('dismissal-ground-veterinary-suspension').chosenReading.source.quote).toBe(
          ground.text.ru,
        );
      }
      expect(
        reading('dismissal-ground-veterinary-termination').alternative.source.quote,
      ).not.toMatch(/ветеринар/);
      expect(s.refusalGrounds.kind === 'list' && s.refusalGrounds.grounds.map((g) => g.id)).toEqual(
        ['incomplete-or-false-information'],
      );
    });

    test('the legal basis is point 5 of article 18 (ru), not article 5 (kk)', () => {
      expect(reading('legal-basis-article').chosenReading.source.quote).toMatch(
        /^пункта 5 статьи 18/,
      );
      expect(s.legalBasis?.text.ru).toContain(
        reading('legal-basis-article').chosenReading.source.quote,
      );
      expect(reading('legal-basis-article').alternative.source.quote).toMatch(/Заңының 5 бабы$/);
    });

    test('the akim route holds the chosen 30 minutes of service; the authorized body keeps 15', () => {
      const r = reading('akim-max-service');
      expect(r.chosenReading.duration).toEqual({ amount: 30, unit: 'minutes' });
      expect(r.alternative.duration).toEqual({ amount: 15, unit: 'minutes' });
      const { akim, authorizedBody } = s.routes;
      expect(akim.available && akim.maxService?.duration).toEqual(r.chosenReading.duration);
      expect(akim.available && akim.maxService?.sources[0]?.quote).toBe(
        r.chosenReading.source.quote,
      );
      expect(authorizedBody.available && authorizedBody.maxService?.duration).toEqual({
        amount: 15,
        unit: 'minutes',
      });
      expect(reading('max-service-split').appliesTo).toBe('routes.authorizedBody.maxService');
    });
  });

  test('service-centre terms of 2012 exclude the days of acceptance and issue', () => {
    for (const id of [
      'child-benefit-under-18',
      'fuel-aid-rural-social-specialists',
      'housing-aid',
    ]) {
      const sc = inForce(id, '2013-02-01').service.routes.serviceCenter;
      expect(sc.available, id).toBe(true);
      if (sc.available) {
        expect(sc.acceptanceDayCounted).toBe(false);
        expect(sc.issueDayCounted).toBe(false);
        expect(sc.term?.sources[0]?.quote).toMatch(/не входит в срок/);
      }
    }
  });

  test('entry into force is ten calendar days after publication, counted from the next day', () => {
    expect(inForceAfterPublication('2013-03-12', 10)).toBe('2013-03-23');
    for (const rs of allRuleSets()) {
      const e = rs.entryIntoForce;
      if (e.kind === 'calendarDaysAfterFirstPublication' && e.publicationDate && e.calendarDays) {
        expect(rs.effectiveFrom).toBe(addDays(e.publicationDate, 11));
      }
      if (e.publicationDateAssumed) expect(e.assumption).toMatch(/assume/);
    }
  });
});

/** Follows 'a.b.c' through objects and through arrays by item id. */
function resolvePath(root: unknown, path: string): unknown {
  let cur: unknown = root;
  for (const part of path.split('.')) {
    if (Array.isArray(cur)) cur = cur.find((x: { id?: unknown }) => x.id === part);
    else if (cur !== null && typeof cur === 'object') cur = (cur as Record<string, unknown>)[part];
    else return undefined;
    if (cur === undefined) return undefined;
  }
  return cur;
}

describe('registration at the akimat', () => {
  test('under the 2012 regulations exactly four services are registrable at the akimat', () => {
    const registrable = SEED_001_IDS.filter(
      (id) => inForce(id, '2013-02-01').service.registrableAtAkimat,
    );
    expect(registrable.sort()).toEqual([...AKIM_2012].sort());
  });

  test('today five services are registrable: the four of 2012 and social assistance under the 2023 rules', () => {
    const registrable = servicesInForce(TODAY)
      .filter((x) => x.service.registrableAtAkimat)
      .map((x) => x.service.id)
      .sort();
    expect(registrable).toEqual([...AKIM_2012, 'social-aid-maslikhat-categories'].sort());
  });

  test.each([
    ['child-benefit-under-18', { amount: 30, unit: 'calendarDays' }, [7131, 1263]],
    ['fuel-aid-rural-social-specialists', { amount: 15, unit: 'workingDays' }, [9291, 3114]],
    ['targeted-social-assistance', { amount: 22, unit: 'workingDays' }, [11111, 4875]],
    ['asp-recipient-certificate', { amount: 15, unit: 'minutes' }, [11618, 5265]],
  ])('akim-route term of %s is exactly %o (2012 rules)', (id, duration, lines) => {
    const t = akimRouteTerm(id, IN_2012);
    expect(t.ok && t.duration).toEqual(duration);
    expect(t.ok && t.term.sources.flatMap((s) => s.lines)).toEqual(lines);
    expect(t.ok && t.ruleSetId).toMatch(/^001-/);
  });

  test.each([
    ['child-benefit-under-18', { amount: 30, unit: 'calendarDays' }],
    ['fuel-aid-rural-social-specialists', { amount: 15, unit: 'workingDays' }],
    ['targeted-social-assistance', { amount: 22, unit: 'workingDays' }],
    ['asp-recipient-certificate', { amount: 15, unit: 'minutes' }],
  ])('akim-route term of %s is still %o today (product decision)', (id, duration) => {
    const t = akimRouteTerm(id, TODAY);
    expect(t.ok && t.duration).toEqual(duration);
  });

  test('the akim route of the 2012 regulations holds only where there is no authorized body', () => {
    for (const id of AKIM_2012) {
      const akim = inForce(id, '2013-02-01').service.routes.akim;
      expect(akim.available && akim.conditions.map((c) => c.id)).toEqual([
        'noAuthorizedBodyAtResidence',
      ]);
    }
  });

  test('non-registrable services say where to apply instead, with the offices of the rule-set', () => {
    const w = whereToApply('housing-aid', TODAY);
    if (!w.ok) throw new Error('no rule-set');
    expect(w.registrableAtAkimat).toBe(false);
    expect(w.channels.map((c) => c.route)).toEqual(['authorizedBody', 'serviceCenter']);
    expect(w.channels[1]?.term?.duration).toEqual({ amount: 10, unit: 'calendarDays' });
    expect(w.text?.ru).toMatch(/Валиханова/);
    expect(w.text?.kk).toMatch(/Уәлиханов/);
    for (const id of SEED_001_IDS.filter(
      (x) => !AKIM_2012.includes(x) && x !== 'social-aid-maslikhat-categories',
    )) {
      const r = whereToApply(id, TODAY);
      expect(r.ok && r.text !== null, id).toBe(true);
      expect(akimRouteTerm(id, TODAY)).toEqual({ ok: false, reason: 'catalog:errors.noAkimRoute' });
    }
  });
});

describe('rule-set versions', () => {
  test('the 2012 rule-sets stay open-ended and record their repeal only as legal status', () => {
    for (const rs of allRuleSets().filter((r) => r.seed === '001')) {
      expect(rs.effectiveTo).toBeNull();
      expect(rs.legalStatus.status).toBe('repealed');
      expect(rs.legalStatus.repealedBy?.date).toBe('2013-05-22');
      expect(rs.legalStatus.repealedBy?.number).toBe('128');
      expect(rs.legalStatus.appliedAsEndDate).toBe(false);
    }
  });

  test('social assistance: 2012 rules in 2012, the 2015 Aktobe rules in 2016, the 2023 rules today', () => {
    const s2012 = inForce('social-aid-maslikhat-categories', IN_2012);
    expect(s2012.ruleSet.id).toBe('001-timiryazev-2012-n232');
    expect(s2012.service.registrableAtAkimat).toBe(false);
    expect(akimRouteTerm('social-aid-maslikhat-categories', IN_2012)).toEqual({
      ok: false,
      reason: 'catalog:errors.noAkimRoute',
    });

    expect(inForce('social-aid-maslikhat-categories', '2016-06-01').ruleSet.id).toBe(
      '000-aktobe-2015-n278',
    );

    const now = inForce('social-aid-maslikhat-categories', TODAY);
    expect(now.ruleSet.id).toBe('003-mlspp-order84-amendment-2023');
    expect(now.service.registrableAtAkimat).toBe(true);
    expect(now.service.routes.stateCorporation.available).toBe(true);
    // 003 states no overall term: the catalog says so instead of inventing one.
    expect(akimRouteTerm('social-aid-maslikhat-categories', TODAY)).toEqual({
      ok: false,
      reason: 'catalog:errors.termNotStated',
    });
  });

  test('003: registration the same working day, 1 WD to the village commission, 1 WD for the income, hearing 3/2/3 WD', () => {
    const s = inForce('social-aid-maslikhat-categories', TODAY).service;
    expect(s.registrationRule?.kind).toBe('sameWorkingDayElseNextWorkingDay');
    expect(s.registrationRule?.sources[0]?.lines).toEqual([31]);
    const steps = new Map(s.akimProcess?.steps.map((st) => [st.id, st]));
    const wd = (n: number) => ({ amount: n, unit: 'workingDays' });
    expect(steps.get('send-to-village-commission')?.duration).toEqual(wd(1));
    expect(steps.get('per-capita-income')?.duration).toEqual(wd(1));
    expect(steps.get('per-capita-income')?.durationSources[0]?.lines).toEqual([35]);
    expect(steps.get('preliminary-refusal-notice')?.duration).toEqual(wd(3));
    expect(steps.get('preliminary-refusal-notice')?.timing).toBe('beforeDecision');
    expect(steps.get('objection')?.duration).toEqual(wd(2));
    expect(steps.get('remarks')?.duration).toEqual(wd(3));
    expect(steps.get('portal-notice')?.duration).toEqual(wd(1));
    expect(steps.get('portal-notice')?.durationSources[0]?.lines).toEqual([51]);
    expect(steps.get('notify')?.sources.flatMap((x) => x.lines)).toEqual(
      expect.arrayContaining([49, 50]),
    );
    expect(s.proactive?.sources[0]?.lines).toEqual([30]);
    const rs = inForce('social-aid-maslikhat-categories', TODAY).ruleSet;
    expect(rs.entryIntoForce.sources[0]?.lines).toEqual([68]);
    expect(rs.entryIntoForce.publicationDateAssumed).toBe(true);
  });

  test('000: steps of 20 min, 10 min, 8 WD, 10 min, 20 min on the akim route', () => {
    const s = inForce('social-aid-maslikhat-categories', '2016-06-01').service;
    const durations = s.akimProcess?.steps
      .filter((st) => st.duration !== null)
      .map((st) => st.duration);
    expect(durations).toEqual([
      { amount: 20, unit: 'minutes' },
      { amount: 10, unit: 'minutes' },
      { amount: 8, unit: 'workingDays' },
      { amount: 10, unit: 'minutes' },
      { amount: 20, unit: 'minutes' },
    ]);
  });

  test('R-ROUTE-4: under 000 the review takes 20 WD instead of 8 when documents are missing, damaged or lost', () => {
    const s = inForce('social-aid-maslikhat-categories', '2016-06-01').service;
    const review = s.akimProcess?.steps.find((st) => st.id === 'review');
    if (!review) throw new Error('no review step');
    expect(stepDuration(review)).toEqual({ amount: 8, unit: 'workingDays' });
    expect(stepDuration(review, 'documentsMissingDamagedLost')).toEqual({
      amount: 20,
      unit: 'workingDays',
    });
    expect(review.alternatives[0]?.reasonCodes).toEqual(['missing', 'damaged', 'lost']);
    expect(() => stepDuration(review, 'noSuchBranch')).toThrow();
  });

  test('R-VER-1: a case registered while 004 was in force keeps 004 terms after 004 is repealed', () => {
    const during = inForce('unemployed-certificate', '2013-04-01');
    expect(during.ruleSet.id).toBe('004-ekibastuz-2013-n168-2');
    expect(during.ruleSet.effectiveTo).toBe('2013-06-18');
    const sc = during.service.routes.serviceCenter;
    expect(sc.available && sc.term?.duration).toEqual({ amount: 3, unit: 'workingDays' });
    // The lookup is by registration date: asking after the repeal for a case registered on 01.04.2013
    // still gives the same rule-set, while a case registered after the repeal finds none.
    expect(inForce('unemployed-certificate', '2013-04-01').ruleSet).toBe(during.ruleSet);
    expect(ruleSetInForce('unemployed-certificate', '2013-06-18').ok).toBe(true);
    expect(ruleSetInForce('unemployed-certificate', '2013-06-19')).toEqual({
      ok: false,
      reason: 'catalog:errors.noRuleSet',
    });
    expect(ruleSetInForce('unemployed-certificate', '2013-03-22')).toEqual({
      ok: false,
      reason: 'catalog:errors.noRuleSet',
    });
    const portal = inForce('home-schooled-disabled-children-support', '2013-05-01').service.routes
      .portal;
    expect(portal.available && portal.term?.duration).toEqual({ amount: 10, unit: 'workingDays' });
  });

  test('R-VER-2: under 000 the portal is rejected for other categories, under 003 it is open to all', () => {
    const id = 'social-aid-maslikhat-categories';
    expect(checkChannel(id, '2016-06-01', 'portal', [])).toEqual({
      ok: false,
      reason: 'catalog:errors.channelRestricted',
    });
    expect(checkChannel(id, '2016-06-01', 'portal', ['pensioner'])).toEqual({
      ok: false,
      reason: 'catalog:errors.channelRestricted',
    });
    expect(checkChannel(id, '2016-06-01', 'portal', ['personWithDisability']).ok).toBe(true);
    expect(checkChannel(id, '2016-06-01', 'portal', ['sociallySignificantDisease']).ok).toBe(true);
    expect(checkChannel(id, '2016-06-01', 'stateCorporation', [])).toEqual({
      ok: false,
      reason: 'catalog:errors.channelUnavailable',
    });
    expect(checkChannel(id, TODAY, 'portal', []).ok).toBe(true);
    expect(checkChannel(id, TODAY, 'stateCorporation', []).ok).toBe(true);
    expect(checkChannel(id, '2010-01-01', 'portal', [])).toEqual({
      ok: false,
      reason: 'catalog:errors.noRuleSet',
    });
  });

  test('the latest rule-set in force wins, and only rule-sets in force on the date are considered', () => {
    const ids = listServices().map((s) => s.id);
    const start = Date.UTC(2011, 0, 1);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 365 * 17 }), fc.constantFrom(...ids), (day, id) => {
        const date = new Date(start + day * 86_400_000).toISOString().slice(0, 10);
        const r = ruleSetInForce(id, date);
        const candidates = allRuleSets().filter(
          (rs) =>
            rs.services.some((s) => s.id === id) &&
            rs.effectiveFrom <= date &&
            (rs.effectiveTo === null || date <= rs.effectiveTo),
        );
        if (candidates.length === 0) return !r.ok;
        const latest = candidates.reduce((a, b) => (b.effectiveFrom > a.effectiveFrom ? b : a));
        return r.ok && r.ruleSet === latest && r.service.id === id;
      }),
      { numRuns: 200 },
    );
  });

  test('a malformed date is a bug, not an expected failure', () => {
    expect(() => ruleSetInForce('housing-aid', '22.11.2026')).toThrow(RangeError);
  });

  test('unknown services are reported, not thrown', () => {
    expect(findService('no-such-service')).toEqual({
      ok: false,
      reason: 'catalog:errors.unknownService',
    });
    expect(ruleSetInForce('no-such-service', TODAY)).toEqual({
      ok: false,
      reason: 'catalog:errors.noRuleSet',
    });
    const found = findService('asp-recipient-certificate');
    expect(found.ok && found.service.ruleSets.map((p) => p.ruleSetId)).toEqual([
      '001-timiryazev-2012-n302',
      '002-tsa-certificate-passport',
    ]);
  });

  test('the catalog version names the data revision and a content hash', () => {
    expect(CATALOG_VERSION).toMatch(/^\d{4}\.\d+\+[0-9a-f]{8}$/);
  });
});

describe('village commission', () => {
  test('R-ROUTE-3: the grounds that send a case to the village commission are configurable reference data', () => {
    const s = inForce('social-aid-maslikhat-categories', TODAY).service;
    expect(villageCommissionTriggerCodes(s)).toEqual([
      'decree523.p8.sp1',
      'decree523.p8.sp2',
      'decree523.p8.sp4',
    ]);
    expect(requiresVillageCommission(s, 'decree523.p8.sp2')).toBe(true);
    expect(requiresVillageCommission(s, 'decree523.p8.sp3')).toBe(false);
    expect(requiresVillageCommission(s, null)).toBe(false);
    // An office configuration replaces the catalog list.
    const configured = ['decree523.p8.sp3'];
    expect(requiresVillageCommission(s, 'decree523.p8.sp3', configured)).toBe(true);
    expect(requiresVillageCommission(s, 'decree523.p8.sp2', configured)).toBe(false);
  });

  test('the 2012 child benefits and targeted assistance always go to the commission; fuel aid and the certificate never', () => {
    expect(requiresVillageCommission(inForce('child-benefit-under-18', TODAY).service, null)).toBe(
      true,
    );
    const tsa = inForce('targeted-social-assistance', TODAY).service;
    expect(requiresVillageCommission(tsa, null)).toBe(true);
    const vc = tsa.akimProcess?.villageCommission;
    expect(vc?.participates === 'always' && vc.examinationTerm?.duration).toEqual({
      amount: 5,
      unit: 'workingDays',
    });
    expect(
      requiresVillageCommission(inForce('fuel-aid-rural-social-specialists', TODAY).service, null),
    ).toBe(false);
    expect(
      requiresVillageCommission(inForce('asp-recipient-certificate', TODAY).service, null),
    ).toBe(false);
  });

  test('the targeted-assistance akim steps add up to the 22 working days of the regulation', () => {
    const steps = inForce('targeted-social-assistance', IN_2012).service.akimProcess?.steps ?? [];
    const wd = steps.reduce(
      (sum, st) => sum + (st.duration?.unit === 'workingDays' ? st.duration.amount : 0),
      0,
    );
    expect(wd).toBe(22);
    expect(steps.map((st) => st.actor)).toEqual([
      'applicant',
      'specialist',
      'akim',
      'executor',
      'commission',
      'akim',
      'district',
      'districtHead',
      'district',
      'district',
      'akim',
    ]);
  });
});

describe('TSA certificate (seed 002)', () => {
  const cert = () => inForce('asp-recipient-certificate', TODAY);

  test('the passport governs the certificate today, the 2012 regulation before it', () => {
    expect(cert().ruleSet.id).toBe('002-tsa-certificate-passport');
    expect(inForce('asp-recipient-certificate', IN_2012).ruleSet.id).toBe(
      '001-timiryazev-2012-n302',
    );
  });

  test('R-CERT-1: 15 minutes at the provider, rural akim and portal; wait at most 15, service at most 20', () => {
    const r = cert().service.routes;
    for (const kind of ['akim', 'authorizedBody', 'portal'] as const) {
      const route = r[kind];
      expect(route.available && route.term?.duration, kind).toEqual({
        amount: 15,
        unit: 'minutes',
      });
      expect(route.available && route.term?.sources[0]?.lines).toEqual([10]);
    }
    const akim = r.akim;
    expect(akim.available && akim.maxWait?.duration).toEqual({ amount: 15, unit: 'minutes' });
    expect(akim.available && akim.maxService?.duration).toEqual({ amount: 20, unit: 'minutes' });
  });

  test('R-CERT-2: 3 working days at the State Corporation, the day of acceptance not counted', () => {
    const sc = cert().service.routes.stateCorporation;
    expect(sc.available && sc.term?.duration).toEqual({ amount: 3, unit: 'workingDays' });
    expect(sc.available && sc.acceptanceDayCounted).toBe(false);
    expect(sc.available && sc.term?.sources.map((s) => s.quote)).toContain(
      '(Мемлекеттік корпорацияда құжаттар қабылданған күн мемлекеттік қызметті көрсету мерзіміне кірмейді)',
    );
  });

  test('R-CERT-3: the result has two variants, belongs and does not belong', () => {
    expect(
      cert()
        .service.results.map((r) => r.kind)
        .sort(),
    ).toEqual(['certificateBelongs', 'certificateDoesNotBelong']);
  });

  test('R-CERT-4: the identity document is waived when a state information system confirms it', () => {
    const id = cert().service.documents.find((d) => d.id === 'identity-document');
    expect(id?.waivedWhen?.code).toBe('confirmedByStateIS');
    expect(id?.waivedWhen?.sources[0]?.lines).toEqual([15]);
    expect(documentsFor(cert().service, 'portal').map((d) => d.id)).not.toContain(
      'identity-document',
    );
    expect(documentsFor(cert().service, 'akim').map((d) => d.id)).toContain('identity-document');
  });

  test('a representative needs a notarized power of attorney', () => {
    const s = cert().service;
    expect(s.representation?.powerOfAttorney).toBe('notarized');
    expect(s.documents.find((d) => d.id === 'notarized-power-of-attorney')?.requirement).toBe(
      'conditional',
    );
  });

  test('R-CERT-5: the catalog has no fee fields', () => {
    const keys = [...collectKeys(RAW_RULE_SETS)];
    expect(keys.length).toBeGreaterThan(50);
    expect(keys.filter((k) => /fee|cost|price|payment|tariff|charge/i.test(k))).toEqual([]);
  });
});

describe('consents', () => {
  test('R-REG-7: personal-data consent under 000 and protected-secrets consent under 002 are listed', () => {
    const sa = inForce('social-aid-maslikhat-categories', '2016-06-01').service;
    const pd = consentsFor(sa, 'akim');
    expect(pd.map((c) => c.id)).toEqual(['personalData']);
    expect(pd[0]?.sources[0]).toMatchObject({ seed: '000', lines: [32] });
    expect(consentsFor(sa, 'portal')).toEqual([]);

    const cert = inForce('asp-recipient-certificate', TODAY).service;
    const ps = consentsFor(cert, 'akim');
    expect(ps.map((c) => c.id)).toEqual(['protectedSecrets']);
    expect(ps[0]?.sources[0]).toMatchObject({ seed: '002', lines: [15] });
    expect(consentsFor(cert, 'stateCorporation').map((c) => c.id)).toEqual(['protectedSecrets']);
  });
});

describe('locales', () => {
  const load = (lang: string): unknown =>
    JSON.parse(
      readFileSync(new URL(`../../locales/${lang}/catalog.json`, import.meta.url), 'utf8'),
    );

  test('every reason key exists in both locales', () => {
    for (const lang of ['kk', 'ru']) {
      const messages = load(lang);
      for (const key of CATALOG_REASONS) {
        const path = key.replace(/^catalog:/, '');
        expect(resolvePath(messages, path), `${lang}: ${key}`).toEqual(expect.any(String));
      }
    }
  });

  test('the two locales have the same keys', () => {
    const flat = (o: unknown, prefix = ''): string[] =>
      o !== null && typeof o === 'object'
        ? Object.entries(o).flatMap(([k, v]) => flat(v, prefix ? `${prefix}.${k}` : k))
        : [prefix];
    expect(flat(load('kk')).sort()).toEqual(flat(load('ru')).sort());
  });
});
