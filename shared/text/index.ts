export { searchKey, searchTokens } from './search-key';
export * from './person-name';
export { compareKazakh } from './collation';
