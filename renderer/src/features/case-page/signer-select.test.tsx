import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, test } from 'vitest';
import { OFFICE_ROLE_POLICY } from '../../../../shared/office';
import { SignerSelect, signerOptionsFor, type SignerChoice } from './signer-select';

// The signer of the certificate (an akimat's akim) and of the result (the district's head): who is
// offered, and the <select> as static markup (the unit tests run without a DOM).

const heads = [
  { id: 'u-a', name: 'Әлиев А.' },
  { id: 'u-b', name: 'Бекова Б.' },
];

const choice = (over: Partial<SignerChoice>): SignerChoice => ({
  loaded: true,
  options: heads,
  signerId: 'u-a',
  selfSigning: false,
  choose: () => undefined,
  ...over,
});

describe('the signer of a document signed with the PIN', () => {
  test.each(['akimat', 'district'] as const)(
    'at a desk of kind %s a head signed in is offered only themself, anyone else every head',
    (kind) => {
      const { head, staff } = OFFICE_ROLE_POLICY[kind];
      expect(signerOptionsFor(heads, { id: 'u-b', role: head }, head)).toEqual([heads[1]]);
      expect(signerOptionsFor(heads, { id: 'u-s', role: staff }, head)).toEqual(heads);
      expect(signerOptionsFor(heads, null, head)).toEqual(heads);
    },
  );

  test('a specialist picks the head from a labelled select, the chosen one selected', () => {
    const markup = renderToStaticMarkup(
      <SignerSelect label="Қол қоятын" choice={choice({ signerId: 'u-b' })} />,
    );
    const id = /<label for="([^"]+)">Қол қоятын<\/label>/.exec(markup)?.[1];
    expect(id).toBeDefined();
    expect(markup).toContain(`<select id="${id}">`);
    expect(markup).toContain('<option value="u-a">Әлиев А.</option>');
    expect(markup).toContain('<option value="u-b" selected="">Бекова Б.</option>');
  });

  test('a head who signs for themself is shown no select', () => {
    expect(
      renderToStaticMarkup(
        <SignerSelect label="Қол қоятын" choice={choice({ selfSigning: true })} />,
      ),
    ).toBe('');
  });
});
