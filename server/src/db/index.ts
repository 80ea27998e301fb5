export { openDatabase, type HubDatabase, type Queryable } from './database';
export { migrate, readMigrations, MIGRATIONS_DIR, type Migration } from './migrate';
