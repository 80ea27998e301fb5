export { openDatabase, type HubDatabase, type Queryable, type QueryOptions } from './database';
export { migrate, readMigrations, MIGRATIONS_DIR, type Migration } from './migrate';
