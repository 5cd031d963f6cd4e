// Step 2: the log's hash algorithm, named by the bundle, must be one this verifier has.
import type { HashAlg, HashProvider } from '../hash/index.js';
import { isHashAlg } from '../hash/index.js';
import { createLogHasher } from '../merkle/index.js';
import type { LogHasher } from '../merkle/index.js';
import { describeError } from './report.js';
import type { CheckList } from './report.js';

export function checkHashAlg(alg: string, hashProviderFor: (alg: HashAlg) => HashProvider, list: CheckList): LogHasher | undefined {
  if (!isHashAlg(alg)) {
    list.fail('hash_alg', 'BUNDLE_HASH_ALG_UNKNOWN', `hash algorithm "${alg}" is not one of sha256, sm3`);
    return undefined;
  }
  try {
    const provider = hashProviderFor(alg);
    if (provider.alg !== alg) throw new Error(`the provider for ${alg} says it is ${provider.alg}`);
    const hasher = createLogHasher(provider);
    list.pass('hash_alg', `${alg} (RFC 6962 leaf and node hashes)`);
    return hasher;
  } catch (e) {
    list.fail('hash_alg', 'BUNDLE_HASH_ALG_UNKNOWN', `no usable ${alg} provider: ${describeError(e)}`);
    return undefined;
  }
}
