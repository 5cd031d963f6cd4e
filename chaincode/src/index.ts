// Entry point for `fabric-chaincode-node server|start`: the shim's bootstrap requires this
// module (package.json "main") and registers every class in `contracts`.
import { ElcContract } from './contract/elc-contract.js';

export { ElcContract, CONTRACT_NAME } from './contract/elc-contract.js';
export const contracts = [ElcContract];
