// The hub's database: a transaction is all or nothing from its first statement on (on PostgreSQL its
// `begin` travels with that statement), and statements run as named ones answer as before.
import { afterEach, describe, expect, test } from 'vitest';
import { DATABASE_KINDS, freshDatabase, type TestDatabase } from '../../test/databases';
import { openDatabase, type HubDatabase } from './database';

describe.each(DATABASE_KINDS)('transactions on %s', (kind) => {
  let testDb: TestDatabase;
  let db: HubDatabase | undefined;
  afterEach(async () => {
    await db?.close();
    db = undefined;
    await testDb.dispose();
  });

  async function open(): Promise<HubDatabase> {
    testDb = await freshDatabase(kind);
    db = await openDatabase(testDb.config);
    await db.exec('create table notes (id int primary key, text text not null)');
    return db;
  }

  const notes = async (on: HubDatabase) =>
    (await on.query<{ id: number }>('select id from notes order by id')).rows.map((r) => r.id);

  test('a transaction that fails keeps nothing, its first statement included', async () => {
    const on = await open();
    await expect(
      on.transaction(async (tx) => {
        await tx.query('insert into notes values ($1, $2)', [1, 'first']);
        await tx.query('insert into notes values ($1, $2)', [2, 'second']);
        throw new Error('the work failed');
      }),
    ).rejects.toThrow('the work failed');
    await expect(
      on.transaction(async (tx) => {
        await tx.query('insert into notes values ($1, $2)', [3, 'third']);
        await tx.query('insert into notes values ($1, $2)', [3, 'the same key']);
      }),
    ).rejects.toThrow();
    expect(await notes(on)).toEqual([]);
  });

  test('a transaction that ends keeps all of it, and reads its own writes', async () => {
    const on = await open();
    const seen = await on.transaction(async (tx) => {
      await tx.query('insert into notes values ($1, $2)', [1, 'first']);
      await tx.query('insert into notes values ($1, $2)', [2, 'second']);
      return (await tx.query<{ n: number }>('select count(*)::int as n from notes')).rows[0]?.n;
    });
    expect(seen).toBe(2);
    expect(await notes(on)).toEqual([1, 2]);
  });

  test('a statement run again and again answers each time with its own rows', async () => {
    const on = await open();
    for (let i = 1; i <= 12; i++) {
      await on.query('insert into notes values ($1, $2)', [i, 'я'.repeat(i * 100)]);
    }
    for (let i = 1; i <= 12; i++) {
      const { rows } = await on.query<{ text: string }>('select text from notes where id = $1', [
        i,
      ]);
      expect(rows).toEqual([{ text: 'я'.repeat(i * 100) }]);
      const inTx = await on.transaction((tx) =>
        tx.query<{ n: number }>('select count(*)::int as n from notes where id <= $1', [i]),
      );
      expect(inTx.rows).toEqual([{ n: i }]);
    }
  });
});
