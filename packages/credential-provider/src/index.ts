// Public surface of this package; see README.md.
export {};
