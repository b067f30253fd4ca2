// Every unit test gets an in-memory IndexedDB, so Dexie runs as it would in the extension.
import 'fake-indexeddb/auto';
