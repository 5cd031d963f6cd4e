// @elc/gateway as a library: the gateway as a value (createGateway) and its configuration.
// Importing it starts nothing; `elc-gateway` (main.ts) is the server, `elc` the operator CLI.
export { createGateway, type Gateway, type GatewayDeps } from './app.js';
export { CONFIG_DEFAULTS, ConfigError, configFrom, loadConfig, type GatewayConfig, type HashAlgName, type LedgerMode } from './config.js';
