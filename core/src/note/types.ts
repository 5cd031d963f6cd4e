// The shapes shared by every note signature type (c2sp.org/signed-note).

/** Signs a note text. `keyId` is the uint32 key ID written before the signature. */
export interface NoteSigner {
  readonly name: string;
  readonly keyId: number;
  sign(msg: Uint8Array): Uint8Array;
}

/** Verifies a note signature (the bytes after the 4-byte key ID) over the note text. */
export interface NoteVerifier {
  readonly name: string;
  readonly keyId: number;
  verify(msg: Uint8Array, sig: Uint8Array): boolean;
}

/** One signature line of a note. */
export interface NoteSignature {
  readonly name: string;
  readonly keyId: number;
  /** The signature bytes after the key ID (for cosignatures: timestamp || Ed25519 signature). */
  readonly signature: Uint8Array;
  /** The base64 field of the line exactly as written: base64(key ID || signature). */
  readonly base64: string;
}

export interface OpenedNote {
  /** The note text, including its final newline but not the separating blank line. */
  readonly text: string;
  readonly verified: NoteSignature[];
  readonly unverified: NoteSignature[];
}

/** A key pair in the signed-note text formats. */
export interface NoteKeyPair {
  /** `PRIVATE+KEY+<name>+<hex key ID>+<base64(type || private key)>`: keep secret. */
  readonly skey: string;
  /** `<name>+<hex key ID>+<base64(type || public key)>`: give to verifiers. */
  readonly vkey: string;
}
