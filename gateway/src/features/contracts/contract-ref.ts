// A contract in a URL: /v1/contracts/{uscc}/{contractNo}. Both parts are checked before any
// lookup (a valid USCC with its check character; a contract number as the evidence schema has it).
import { isValidUscc, personalDataInText } from '@elc/core';
import { httpError } from '../../errors/codes.js';
import type { ContractRef } from '../../evidence/service.js';


// eslint-disable-next-line no-control-regex -- control characters are exactly what this refuses
const CONTROL = /[\u0000-\u001f\u007f]/;

export function parseContractRef(params: Record<string, unknown>): ContractRef {
  const employer = typeof params['uscc'] === 'string' ? params['uscc'] : '';
  const contractId = typeof params['contractNo'] === 'string' ? params['contractNo'] : '';
  if (!isValidUscc(employer)) throw httpError('QUERY_INVALID', 'the employer must be an 18-character USCC with a valid check character', 'uscc');
  if (contractId.length === 0 || contractId.length > 100 || CONTROL.test(contractId) || personalDataInText(contractId) !== undefined) {
    throw httpError('QUERY_INVALID', 'the contract number must be 1..100 characters without control characters or personal data', 'contractNo');
  }
  return { employer, contractId };
}
