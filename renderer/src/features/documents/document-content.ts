// The canonical documents live in shared/documents, where the hub builds them too. This module only
// keeps the old import path working for files that still use it (signature-check.ts).
export { contentDigest } from '../../../../shared/documents';
