// fabric-shim and fabric-contract-api log every transaction and every refusal at info/error
// level through winston; the callers report refusals as typed errors instead, so the
// shim's loggers only speak for fatal problems unless the operator sets the level. Imported
// before either library creates its loggers.
process.env['CORE_CHAINCODE_LOGGING_LEVEL'] ??= 'CRITICAL';
export {};
