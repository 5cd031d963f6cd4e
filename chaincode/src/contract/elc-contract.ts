// The Fabric contract: thin transaction functions over the domain. Each one builds the
// transaction context (tx id, proposal timestamp, caller from the X.509 identity confirmed by the
// org registry), runs a domain function, applies its writes and its one event, and returns
// canonical JSON. Refusals leave as an Error whose message is the JSON
// {"code","message","field"?,"index"?} (docs/chaincode.md).
import { canonicalJson } from '@elc/core';
import fabricContractApi, { Context, Contract } from 'fabric-contract-api';
import { REGION_ATTRIBUTE, ROLE_ATTRIBUTE, claimsFrom, requireReader } from '../domain/access.js';
import type { CertificateClaims } from '../domain/access.js';
import { anchorCheckpoint, getAnchor, getLatestAnchor } from '../domain/anchoring.js';
import { resolveCaller } from '../domain/caller.js';
import { LedgerError } from '../domain/errors.js';
import { getLog, registerLog, rotateLogKey } from '../domain/log-registry.js';
import { checkMandateKey, getMandate, grantMandate, revokeMandate } from '../domain/mandates.js';
import { bootstrap, getOrg, registerOrg, removeOrg, updateOrg } from '../domain/org-registry.js';
import { checkListAnchors, getContract } from '../domain/queries.js';
import type { Outcome, TxContext } from '../domain/records.js';
import { recordTransitions } from '../domain/transitions.js';
import { FabricLedger, timestampToIso } from './fabric-ledger.js';

// The decorators are attached with Object.assign in fabric-contract-api's CommonJS entry, which
// Node's ESM loader cannot see as named exports; they are read from the default export instead.
const { Info, Returns, Transaction } = fabricContractApi;

export const CONTRACT_NAME = 'elc';

function claimsOf(ctx: Context): CertificateClaims {
  const id = ctx.clientIdentity;
  return claimsFrom({ mspId: id.getMSPID(), id: id.getID(), role: id.getAttributeValue(ROLE_ATTRIBUTE), region: id.getAttributeValue(REGION_ATTRIBUTE) });
}

/** Every transaction but Bootstrap: the certificate's claims, as far as the org registry allows them. */
async function txOf(ctx: Context, ledger: FabricLedger): Promise<TxContext> {
  const caller = await resolveCaller(ledger, claimsOf(ctx));
  return { txId: ctx.stub.getTxID(), timestamp: timestampToIso(ctx.stub.getTxTimestamp()), caller };
}

/** A LedgerError becomes the JSON message the client maps; anything else is left as it is. */
function rethrow(e: unknown): never {
  if (e instanceof LedgerError) throw new Error(JSON.stringify(e.toJSON()));
  throw e;
}

/** Runs a write transaction and applies its outcome (its writes and its one event). */
async function write<R>(ctx: Context, run: (ledger: FabricLedger) => Promise<Outcome<R>>): Promise<string> {
  try {
    const ledger = new FabricLedger(ctx.stub);
    const outcome = await run(ledger);
    await ledger.apply(outcome.writes, outcome.event);
    return canonicalJson(outcome.result);
  } catch (e) {
    return rethrow(e);
  }
}

async function submit<R>(ctx: Context, run: (ledger: FabricLedger, tx: TxContext) => Promise<Outcome<R>>): Promise<string> {
  return write(ctx, async (ledger) => run(ledger, await txOf(ctx, ledger)));
}

async function evaluate<R>(ctx: Context, run: (ledger: FabricLedger, tx: TxContext) => Promise<R>): Promise<string> {
  try {
    const ledger = new FabricLedger(ctx.stub);
    return canonicalJson(await run(ledger, await txOf(ctx, ledger)));
  } catch (e) {
    return rethrow(e);
  }
}

@Info({ title: 'ELC Ledger chaincode', description: 'Org registry, log registry, anchored checkpoints and the labor-contract lifecycle' })
export class ElcContract extends Contract {
  constructor() {
    super(CONTRACT_NAME);
  }

  /**
   * The deploy-time init call (`--isInit`): while no org is registered, registers the caller's
   * own MSP as a bureau org of `region`. Trust on first use; a second call is ALREADY_BOOTSTRAPPED.
   */
  @Transaction()
  @Returns('string')
  async Bootstrap(ctx: Context, region: string): Promise<string> {
    return write(ctx, (ledger) => bootstrap(ledger, region, { txId: ctx.stub.getTxID(), timestamp: timestampToIso(ctx.stub.getTxTimestamp()), claims: claimsOf(ctx) }));
  }

  /** Bureau, within its region: the roles `rolesJson` (a JSON array) the MSP's certificates may claim, and its region. */
  @Transaction()
  @Returns('string')
  async RegisterOrg(ctx: Context, mspId: string, rolesJson: string, region: string): Promise<string> {
    return submit(ctx, (ledger, tx) => registerOrg(ledger, { mspId, roles: rolesJson, region }, tx));
  }

  /** Bureau, within its region: replaces the roles and region of a registered org. */
  @Transaction()
  @Returns('string')
  async UpdateOrg(ctx: Context, mspId: string, rolesJson: string, region: string): Promise<string> {
    return submit(ctx, (ledger, tx) => updateOrg(ledger, { mspId, roles: rolesJson, region }, tx));
  }

  /** Bureau, within its region: removes an org (not its own); its certificates are refused from then on. */
  @Transaction()
  @Returns('string')
  async RemoveOrg(ctx: Context, mspId: string): Promise<string> {
    return submit(ctx, (ledger, tx) => removeOrg(ledger, mspId, tx));
  }

  @Transaction(false)
  @Returns('string')
  async GetOrg(ctx: Context, mspId: string): Promise<string> {
    return evaluate(ctx, (ledger, tx) => {
      requireReader(tx.caller);
      return getOrg(ledger, mspId);
    });
  }

  /** The bootstrap record and every registered org, in MSP id order. */
  @Transaction(false)
  @Returns('string')
  async ListOrgs(ctx: Context): Promise<string> {
    return evaluate(ctx, async (ledger, tx) => {
      requireReader(tx.caller);
      return { bootstrap: await ledger.getBootstrap(), orgs: await ledger.orgs() };
    });
  }

  /** Bureau only: registers the log of `origin` with its verifier key, hash algorithm and region. */
  @Transaction()
  @Returns('string')
  async RegisterLog(ctx: Context, origin: string, vkey: string, hashAlg: string, region: string): Promise<string> {
    return submit(ctx, (ledger, tx) => registerLog(ledger, { origin, vkey, hashAlg, region }, tx));
  }

  /** Bureau only: a new signing key for the log; older keys stay for older checkpoints. */
  @Transaction()
  @Returns('string')
  async RotateLogKey(ctx: Context, origin: string, vkey: string): Promise<string> {
    return submit(ctx, (ledger, tx) => rotateLogKey(ledger, { origin, vkey }, tx));
  }

  /** Bureau or a vendor of the log's region: anchors a signed checkpoint consistent with the last one. */
  @Transaction()
  @Returns('string')
  async AnchorCheckpoint(ctx: Context, origin: string, note: string, consistencyProof: string): Promise<string> {
    return submit(ctx, (ledger, tx) => anchorCheckpoint(ledger, { origin, note, consistencyProof }, tx));
  }

  /** Bureau or vendor (in its region): up to 50 lifecycle transitions, all or none. */
  @Transaction()
  @Returns('string')
  async RecordTransitions(ctx: Context, batch: string): Promise<string> {
    return submit(ctx, (ledger, tx) => recordTransitions(ledger, batch, tx));
  }

  @Transaction(false)
  @Returns('string')
  async GetLog(ctx: Context, origin: string): Promise<string> {
    return evaluate(ctx, (ledger, tx) => {
      requireReader(tx.caller);
      return getLog(ledger, origin);
    });
  }

  @Transaction(false)
  @Returns('string')
  async GetAnchor(ctx: Context, origin: string, size: string): Promise<string> {
    return evaluate(ctx, (ledger, tx) => getAnchor(ledger, tx, origin, size));
  }

  @Transaction(false)
  @Returns('string')
  async GetLatestAnchor(ctx: Context, origin: string): Promise<string> {
    return evaluate(ctx, (ledger, tx) => getLatestAnchor(ledger, tx, origin));
  }

  /** A page of anchors in size order; `bookmark` is '' for the first page. */
  @Transaction(false)
  @Returns('string')
  async ListAnchors(ctx: Context, origin: string, pageSize: string, bookmark: string): Promise<string> {
    return evaluate(ctx, (ledger, tx) => {
      const size = checkListAnchors(tx, origin, pageSize, bookmark);
      if (!ledger.isAnchorBookmark(origin, bookmark)) {
        throw new LedgerError('INVALID_ARGUMENT', 'bookmark is not one ListAnchors returned for this origin', { field: 'bookmark' });
      }
      return ledger.anchorsPage(origin, size, bookmark);
    });
  }

  @Transaction(false)
  @Returns('string')
  async GetContract(ctx: Context, employer: string, contractId: string): Promise<string> {
    return evaluate(ctx, (ledger, tx) => getContract(ledger, tx, employer, contractId));
  }

  /** Every committed version of the contract's state (getHistoryForKey), newest first. */
  @Transaction(false)
  @Returns('string')
  async GetContractHistory(ctx: Context, employer: string, contractId: string): Promise<string> {
    return evaluate(ctx, async (ledger, tx) => {
      await getContract(ledger, tx, employer, contractId);
      return ledger.contractHistory(employer, contractId);
    });
  }

  /** Bureau, within its region: the employer mandates the platform (org id) for contracts of `region`; `actorJson` says who asked. */
  @Transaction()
  @Returns('string')
  async GrantMandate(ctx: Context, employer: string, platform: string, region: string, actorJson: string): Promise<string> {
    return submit(ctx, (ledger, tx) => grantMandate(ledger, { employer, platform, region, actor: actorJson }, tx));
  }

  /** Bureau, within the mandate's region: the platform may no longer act for the employer. */
  @Transaction()
  @Returns('string')
  async RevokeMandate(ctx: Context, employer: string, platform: string, actorJson: string): Promise<string> {
    return submit(ctx, (ledger, tx) => revokeMandate(ledger, { employer, platform, actor: actorJson }, tx));
  }

  @Transaction(false)
  @Returns('string')
  async GetMandate(ctx: Context, employer: string, platform: string): Promise<string> {
    return evaluate(ctx, (ledger, tx) => {
      requireReader(tx.caller);
      return getMandate(ledger, employer, platform);
    });
  }

  /** Every mandate of the employer, active and revoked, in platform order. */
  @Transaction(false)
  @Returns('string')
  async ListMandates(ctx: Context, employer: string): Promise<string> {
    return evaluate(ctx, (ledger, tx) => {
      requireReader(tx.caller);
      checkMandateKey(employer, 'x');
      return ledger.mandatesOf(employer);
    });
  }

  /** An unknown function name is refused with a JSON error like every other refusal. */
  override async unknownTransaction(ctx: Context): Promise<void> {
    const { fcn } = ctx.stub.getFunctionAndParameters();
    await Promise.resolve();
    throw new Error(JSON.stringify(new LedgerError('INVALID_ARGUMENT', `no transaction named ${fcn}`, { field: 'function' }).toJSON()));
  }
}
