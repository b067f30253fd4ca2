/** The extension's one IndexedDB database (its own module so the popup's first script need not load Dexie). */
export const DB_NAME = 'tend';
