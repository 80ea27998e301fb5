// pouchdb-browser ships no types; pouch-peer.ts types the little it uses.
declare module 'pouchdb-browser' {
  const PouchDB: unknown;
  export default PouchDB;
}
