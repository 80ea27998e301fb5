export * from './document-content';
export * from './acceptance-refusal';
export * from './addressee';
export * from './hearing-documents';
