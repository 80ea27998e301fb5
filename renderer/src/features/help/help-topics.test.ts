import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { SCREENS } from '../../app/screens';
import { HELP_TOPICS, helpTopicFor } from './help-topics';

const LOCALES_DIR = join(import.meta.dirname, '..', '..', '..', '..', 'locales');
type Page = {
  name: string;
  purpose: string;
  steps: Record<string, string>;
  terms?: Record<string, string>;
  termSources?: Record<string, string>;
};
const help = (lang: 'kk' | 'ru') =>
  (
    JSON.parse(readFileSync(join(LOCALES_DIR, lang, 'help.json'), 'utf8')) as {
      screens: Record<string, Page>;
    }
  ).screens;

describe('help pages (issue 10 §6)', () => {
  test('every screen in the navigation has its own help page, and a case page has one', () => {
    for (const screen of SCREENS)
      expect(helpTopicFor(screen.path), screen.path).not.toBe('general');
    expect(helpTopicFor('/cases/case-1')).toBe('casePage');
    expect(helpTopicFor('/tsa-register')).toBe('tsaRegister');
    expect(helpTopicFor('/nowhere')).toBe('general');
  });

  test.each(['kk', 'ru'] as const)('%s: every topic has a name, a purpose and steps', (lang) => {
    const pages = help(lang);
    for (const topic of HELP_TOPICS) {
      const page = pages[topic];
      expect(page, topic).toBeDefined();
      expect(page?.purpose.length, topic).toBeGreaterThan(40);
      expect(Object.keys(page?.steps ?? {}).length, topic).toBeGreaterThan(1);
    }
  });

  test('a term cites a seed line the same way in both languages, and only terms it has', () => {
    const kk = help('kk');
    const ru = help('ru');
    for (const topic of HELP_TOPICS) {
      expect(kk[topic]?.termSources, topic).toEqual(ru[topic]?.termSources);
      expect(Object.keys(kk[topic]?.terms ?? {}), topic).toEqual(
        Object.keys(ru[topic]?.terms ?? {}),
      );
      for (const [key, source] of Object.entries(ru[topic]?.termSources ?? {})) {
        expect(ru[topic]?.terms?.[key], `${topic}.${key}`).toBeDefined();
        expect(source, `${topic}.${key}`).toMatch(/^00[0-4]:\d+/);
      }
    }
  });

  test('a screen name in help is the navigation title', () => {
    const nav = (lang: 'kk' | 'ru', key: string) => {
      const [ns, path] = key.split(':') as [string, string];
      let node: unknown = JSON.parse(readFileSync(join(LOCALES_DIR, lang, `${ns}.json`), 'utf8'));
      for (const part of path.split('.')) node = (node as Record<string, unknown>)[part];
      return node;
    };
    for (const lang of ['kk', 'ru'] as const) {
      for (const screen of SCREENS) {
        const topic = helpTopicFor(screen.path);
        expect(help(lang)[topic]?.name, `${lang} ${screen.path}`).toBe(nav(lang, screen.titleKey));
      }
    }
  });
});
