export { searchKey, searchTokens } from './search-key';
export * from './person-name';
export { compareKazakh } from './collation';
export {
  kazakhDative,
  kazakhDativeWord,
  russianDative,
  type NameParts,
  type NameSex,
} from './dative';
