// Tokens, ids, sealing and the generated secrets. Modules import only from here.
export * from './crypto.ts';
export * from './secrets.ts';
