// Tokens, ids, sealing and the generated secrets. Modules import only from here.
export * from './crypto.ts';
export {
  addressAllowed,
  fetchOutbound,
  OutboundError,
  type OutboundPolicy,
  type OutboundResponse,
} from './outbound.ts';
export * from './secrets.ts';
