export * from './document-content';
