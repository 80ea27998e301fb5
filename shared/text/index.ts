export { searchKey, searchTokens } from './search-key';
