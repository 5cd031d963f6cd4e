// A reader and evaluator of Fabric's signature policy language ("AND('A.peer', OR('B.peer',
// 'C.peer'))", OutOf(n, ...)), enough to check what the policies in network/configtx admit.
// Like Fabric's cauthdsl, one signature satisfies at most one principal, so AND('A.peer',
// 'A.peer') needs two peers of A.

export type Principal = { readonly msp: string; readonly role: string };
export type Policy = { readonly kind: 'principal'; readonly principal: Principal } | { readonly kind: 'outOf'; readonly n: number; readonly rules: readonly Policy[] };

/** An endorsement: the MSP and the role (NodeOU) of the identity that signed it. */
export type Signer = Principal;

export const ROLES = ['member', 'admin', 'client', 'peer', 'orderer'] as const;

export function parsePolicy(text: string): Policy {
  let pos = 0;
  const skip = () => {
    while (pos < text.length && /\s/.test(text[pos] ?? '')) pos++;
  };
  const fail = (what: string): never => {
    throw new Error(`${what} at ${pos} in ${text}`);
  };
  const expect = (ch: string) => {
    skip();
    if (text[pos] !== ch) fail(`expected '${ch}'`);
    pos++;
  };
  const rule = (): Policy => {
    skip();
    if (text[pos] === "'") {
      const end = text.indexOf("'", pos + 1);
      if (end < 0) fail('unterminated principal');
      const body = text.slice(pos + 1, end);
      pos = end + 1;
      const m = /^([A-Za-z0-9][A-Za-z0-9._-]*)\.([a-z]+)$/.exec(body);
      if (m === null || !(ROLES as readonly string[]).includes(m[2] ?? '')) fail(`bad principal '${body}'`);
      return { kind: 'principal', principal: { msp: m?.[1] ?? '', role: m?.[2] ?? '' } };
    }
    const m = /^(AND|OR|OutOf)\s*\(/.exec(text.slice(pos));
    if (m === null) return fail('expected AND, OR, OutOf or a principal');
    const op = m[1];
    pos += m[0].length;
    let n = -1;
    if (op === 'OutOf') {
      skip();
      const num = /^\d+/.exec(text.slice(pos));
      if (num === null) fail('expected a count');
      n = Number(num?.[0]);
      pos += num?.[0].length ?? 0;
      expect(',');
    }
    const rules: Policy[] = [rule()];
    skip();
    while (text[pos] === ',') {
      pos++;
      rules.push(rule());
      skip();
    }
    expect(')');
    if (op === 'AND') n = rules.length;
    if (op === 'OR') n = 1;
    if (n < 1 || n > rules.length) fail(`OutOf(${n}) of ${rules.length} rules`);
    return { kind: 'outOf', n, rules };
  };
  const policy = rule();
  skip();
  if (pos !== text.length) fail('trailing text');
  return policy;
}

/** Every MSP id the policy names. */
export function mspsOf(policy: Policy): Set<string> {
  if (policy.kind === 'principal') return new Set([policy.principal.msp]);
  return new Set(policy.rules.flatMap((r) => [...mspsOf(r)]));
}

function matches(p: Principal, s: Signer): boolean {
  return p.msp === s.msp && (p.role === 'member' || p.role === s.role);
}

/** The sets of signers (bit masks over `signers`) that can be used up to satisfy `policy` given `used`. */
function outcomes(policy: Policy, signers: readonly Signer[], used: number): number[] {
  if (policy.kind === 'principal') {
    return signers.flatMap((s, i) => ((used & (1 << i)) === 0 && matches(policy.principal, s) ? [used | (1 << i)] : []));
  }
  // Choose n of the rules, satisfied one after another with disjoint signers.
  const results = new Set<number>();
  const walk = (from: number, left: number, mask: number) => {
    if (left === 0) {
      results.add(mask);
      return;
    }
    for (let i = from; i < policy.rules.length; i++) {
      const rule = policy.rules[i];
      if (rule === undefined) continue;
      for (const next of outcomes(rule, signers, mask)) walk(i + 1, left - 1, next);
    }
  };
  walk(0, policy.n, used);
  return [...results];
}

export function satisfied(policy: Policy, signers: readonly Signer[]): boolean {
  return outcomes(policy, signers, 0).length > 0;
}
