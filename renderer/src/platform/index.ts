export { getPlatform } from './platform';
