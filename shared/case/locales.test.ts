import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import {
  CASE_EVENT_TYPES,
  CERTIFICATE_RESULTS,
  CHANNELS,
  COMMISSION_CONCLUSIONS,
  DECISION_OUTCOMES,
  DOCUMENT_STATES,
  EXTENSION_REASONS,
  HEARING_MODES,
  ISSUE_WAYS,
  NOTIFY_WAYS,
  OBJECTION_FORMS,
  RECIPIENT_KINDS,
  RELATIONS,
  ROUTES,
} from './events';
import { ID_REUSED, REJECTION_CODES, VALIDATION, rejection } from './messages';
import { CASE_STAGES } from './state';

type Tree = { readonly [key: string]: Tree | string };

function load(lang: 'kk' | 'ru'): Tree {
  const url = new URL(`../../locales/${lang}/case.json`, import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')) as Tree;
}

function lookup(tree: Tree, key: string): string | undefined {
  const [namespace, path = ''] = key.split(':');
  if (namespace !== 'case') return undefined;
  let node: Tree | string | undefined = tree;
  for (const part of path.split('.')) {
    node = typeof node === 'object' ? node[part] : undefined;
  }
  return typeof node === 'string' ? node : undefined;
}

function leaves(tree: Tree, prefix = 'case:'): string[] {
  return Object.entries(tree).flatMap(([k, v]) => {
    const key = prefix.endsWith(':') ? `${prefix}${k}` : `${prefix}.${k}`;
    return typeof v === 'string' ? [key] : leaves(v, key);
  });
}

const names = (group: string, values: readonly string[]) => values.map((v) => `case:${group}.${v}`);

const KEYS_IN_CODE: readonly string[] = [
  ...REJECTION_CODES.map(rejection),
  ID_REUSED,
  ...Object.values(VALIDATION),
  ...names('events', CASE_EVENT_TYPES),
  ...names('stages', CASE_STAGES),
  ...names('routes', ROUTES),
  ...names('channels', CHANNELS),
  ...names('documentStates', DOCUMENT_STATES),
  ...names('relations', RELATIONS),
  ...names('hearingModes', HEARING_MODES),
  ...names('objectionForms', OBJECTION_FORMS),
  ...names('commissionConclusions', COMMISSION_CONCLUSIONS),
  ...names('decisionOutcomes', DECISION_OUTCOMES),
  ...names('issueWays', ISSUE_WAYS),
  ...names('notifyWays', NOTIFY_WAYS),
  ...names('recipientKinds', RECIPIENT_KINDS),
  ...names('certificateResults', CERTIFICATE_RESULTS),
  ...names('extensionReasons', EXTENSION_REASONS),
  ...names('notificationChannels', ['sms', 'personalCabinet', 'printForPickup']),
  ...names('noticeForms', ['app6', 'app7']),
];

describe('case messages in both languages', () => {
  const kk = load('kk');
  const ru = load('ru');

  test.each(KEYS_IN_CODE)('%s has a Kazakh and a Russian text', (key) => {
    expect(lookup(kk, key)?.trim()).toBeTruthy();
    expect(lookup(ru, key)?.trim()).toBeTruthy();
  });

  test('both files hold the same keys and nothing the code does not use', () => {
    expect(leaves(kk).sort()).toEqual(leaves(ru).sort());
    expect(leaves(kk).sort()).toEqual([...KEYS_IN_CODE].sort());
  });

  test('Kazakh texts use Kazakh Cyrillic letters, never Latin look-alikes inside words', () => {
    for (const key of leaves(kk)) {
      const text = lookup(kk, key) ?? '';
      expect(text, key).not.toMatch(/[\u0400-\u04ff][a-z]|[a-z][\u0400-\u04ff]/i);
    }
    const all = leaves(kk)
      .map((k) => lookup(kk, k))
      .join(' ');
    expect(all).toMatch(/[әғқңөұүһі]/);
  });
});
