// Placeholder until the gateway lands (issue 4).
console.log('ELC Ledger: the gateway is not built yet; see README.md');
