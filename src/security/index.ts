// Tokens, ids, sealing, the generated secrets and the guarded outbound client. Modules import only from here.
export * from './crypto.ts';
export {
  type AddressClass,
  addressAllowed,
  checkOutboundUrl,
  classifyAddress,
  fetchOutbound,
  OutboundError,
  type OutboundHop,
  type OutboundPolicy,
  type OutboundRefusal,
  type OutboundResponse,
} from './outbound.ts';
export * from './secrets.ts';
