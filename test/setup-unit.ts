// Each test file gets an in-memory IndexedDB; tests that need isolation open
// databases under unique names.
import 'fake-indexeddb/auto';
