// The rule-sets of the catalog, one JSON file per legal act. Adding a regulation = adding its JSON
// file here; the schema (../schema.ts) validates it when the catalog loads and in the tests.
//
// Product decision on seed 001 (the three files 001-*): the 2012 Timiryazev regulations were repealed
// on 22.05.2013 (resolution N 128, seed 001 lines 3, 5 and 5778), but the product brief takes their
// akim-route terms (30 calendar days child benefits, 15 working days fuel aid, 22 working days
// targeted social assistance, 15 minutes certificate) as the terms in force today. So their
// effectiveTo is null and the repeal is kept only as `legalStatus` (appliedAsEndDate: false). Seed 004
// is the opposite case: its repeal (19.06.2013 N 555/6) does end it.
//
// Where an act gives no publication date, `entryIntoForce.assumption` in its file says which date we
// assumed (always the earliest the text allows).
import n232 from './001-timiryazev-2012-n232.json' with { type: 'json' };
import n302 from './001-timiryazev-2012-n302.json' with { type: 'json' };
import n1 from './001-timiryazev-2013-n1.json' with { type: 'json' };
import aktobe2015 from './000-aktobe-2015-n278.json' with { type: 'json' };
import passport from './002-tsa-certificate-passport.json' with { type: 'json' };
import order84Amendment from './003-mlspp-order84-amendment-2023.json' with { type: 'json' };
import ekibastuz2013 from './004-ekibastuz-2013-n168-2.json' with { type: 'json' };

/** Bump when the data changes in meaning; the catalog version adds a hash of the content. */
export const CATALOG_DATA_REVISION = '2026.4';

/** Unvalidated: the catalog parses each one with ruleSetSchema. */
export const RAW_RULE_SETS: readonly unknown[] = [
  n232,
  n302,
  n1,
  aktobe2015,
  passport,
  order84Amendment,
  ekibastuz2013,
];
