import { describe, expect, test } from 'vitest';
import { ruleSetById, ruleSourceWords } from './catalog';

// Issue 10 §5: a case shows where its rule comes from, the act named with who issued it and when, so
// it reads as a source, not as an act of this office's district.
describe('ruleSourceWords', () => {
  test('a district regulation: its title, the issuing akimat, date and number (seed 001:3, 001:5776)', () => {
    const ruleSet = ruleSetById('001-timiryazev-2012-n232');
    expect(ruleSet).not.toBeNull();
    if (!ruleSet) return;
    const ru = ruleSourceWords(ruleSet, 'ru');
    expect(ru.act).toBe(
      'Акимат Тимирязевского района Северо-Казахстанской области, 29.08.2012 № 232',
    );
    expect(ru.title).toBe(ruleSet.title.ru);
    const kk = ruleSourceWords(ruleSet, 'kk');
    expect(kk.act).toBe(`${ruleSet.legalSource.issuingBody?.kk ?? ''}, 29.08.2012 № 232`);
  });

  test('a service passport without an issuing body or number has no act line, only its title', () => {
    const ruleSet = ruleSetById('002-tsa-certificate-passport');
    expect(ruleSet).not.toBeNull();
    if (!ruleSet) return;
    expect(ruleSourceWords(ruleSet, 'ru')).toEqual({ title: ruleSet.title.ru, act: null });
  });

  test('an unknown rule-set id is null', () => {
    expect(ruleSetById('no-such-rule-set')).toBeNull();
  });
});
