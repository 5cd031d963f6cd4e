// fabric-shim and fabric-contract-api log every decorator and every refusal at info/error level;
// the tests assert on results, so the shim's loggers only speak for fatal problems. Imported
// first by the harness, before either library creates its loggers.
process.env['CORE_CHAINCODE_LOGGING_LEVEL'] ??= 'CRITICAL';
export {};
