// The ledger-port contract suite that the embedded ledger passes, run against the Fabric ledger
// adapter (@hyperledger/fabric-gateway) talking over TLS gRPC to the Gateway test server, a TEST
// DOUBLE of a peer's Gateway service that executes the real chaincode (support/gateway-server.ts).
import { ledgerPortContract } from '../../gateway/src/ledger/port.contract.test-support.js';
import { openFabricLedger } from '../../gateway/src/ledger/fabric/index.js';
import { startFabricTestNetwork } from './support/test-network.js';

ledgerPortContract('Fabric adapter over the Gateway test server', async () => {
  const net = await startFabricTestNetwork();
  const port = await openFabricLedger(net.settings);
  return { port, cleanup: () => net.stop() };
});
