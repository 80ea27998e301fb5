import { describe, expect, test } from 'vitest';
import { payloadSchemas } from '../../../../../shared/case';
import { governingService } from '../../../../../shared/catalog';
import {
  buildReturn,
  missingDocumentText,
  RETURN_MESSAGES,
  type ReturnValues,
} from './return-form';

const tsa = governingService('targeted-social-assistance', null, '2026-03-02');
const documents = tsa?.documents ?? [];

const values = (overrides: Partial<ReturnValues> = {}): ReturnValues => ({
  documents: false,
  other: '',
  note: '',
  outgoingNumber: '',
  ...overrides,
});

describe('R-ROUTE-6 [I]: the district names what is missing when it returns a case', () => {
  test('ticked documents in the catalog order, in the returning person’s language, then other lines', () => {
    const built = buildReturn(
      values({
        documents: ['family-income', 'family-composition'],
        other: '  Жұбайының жалақысы туралы анықтама \n\n Банк шотынан үзінді ',
        note: 'Үш жұмыс күні ішінде',
        outgoingNumber: '2-04/97',
      }),
      documents,
      'kk',
    );
    expect(built.errors).toEqual({});
    expect(built.payload).toEqual({
      missingDocuments: [
        {
          documentId: 'family-composition',
          text: 'белгіленген үлгідегі отбасы құрамы туралы мәліметтер',
        },
        { documentId: 'family-income', text: expect.stringMatching(/^белгіленген үлгідегі/) },
        { text: 'Жұбайының жалақысы туралы анықтама' },
        { text: 'Банк шотынан үзінді' },
      ],
      note: 'Үш жұмыс күні ішінде',
      outgoingNumber: '2-04/97',
    });
    expect(payloadSchemas.ReturnedForCompletion.safeParse(built.payload).success).toBe(true);
  });

  test('one ticked box comes as a string; empty optional fields are left out', () => {
    const built = buildReturn(values({ documents: 'family-composition' }), documents, 'ru');
    expect(built.payload).toEqual({
      missingDocuments: [
        {
          documentId: 'family-composition',
          text: 'сведения о составе семьи, установленного образца',
        },
      ],
    });
  });

  test('nothing named is refused on the “other” field with its own message, in kk and ru', () => {
    const built = buildReturn(values({ other: ' \n  ' }), documents, 'ru');
    expect(built.errors).toEqual({ other: RETURN_MESSAGES.nothingMissing });
    // The schema refuses such a payload too: the desk and the hub agree.
    expect(payloadSchemas.ReturnedForCompletion.safeParse(built.payload).success).toBe(false);
  });

  test('the timeline names a catalog document in the reader’s language, else the district’s words', () => {
    const named = { documentId: 'family-composition', text: 'отбасы құрамы' };
    expect(missingDocumentText(named, documents, 'ru')).toBe(
      'сведения о составе семьи, установленного образца',
    );
    expect(missingDocumentText({ documentId: 'gone', text: 'ескі құжат' }, documents, 'ru')).toBe(
      'ескі құжат',
    );
    expect(missingDocumentText({ text: 'Банк шотынан үзінді' }, documents, 'kk')).toBe(
      'Банк шотынан үзінді',
    );
  });
});
