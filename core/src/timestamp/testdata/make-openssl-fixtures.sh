#!/bin/sh
# Makes the OpenSSL-produced RFC 3161 fixtures that core's verifier is tested against: tokens from
# an independent implementation (OpenSSL `ts`), an RSA TSA (unlike the gateway's P-256 local TSA),
# one with ESSCertID v1 (SHA-1) and one with ESSCertIDv2 and no certificate in the token.
# Private keys live in a temporary directory and are deleted; only public material is written.
# Usage: sh core/src/timestamp/testdata/make-openssl-fixtures.sh   (needs the openssl CLI, 3.x)
set -eu
out="$(cd "$(dirname "$0")" && pwd)/openssl"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"
cd "$work"

cat > ext.cnf <<'CNF'
[root]
basicConstraints = critical, CA:true
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[tsa]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature, nonRepudiation
extendedKeyUsage = critical, timeStamping
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
CNF

openssl req -x509 -newkey rsa:2048 -nodes -keyout root-key.pem -out root.pem -days 7300 \
  -subj "/O=ELC Ledger test fixtures/CN=OpenSSL fixture TSA root" -extensions root -config ext.cnf 2>/dev/null \
  || openssl req -x509 -newkey rsa:2048 -nodes -keyout root-key.pem -out root.pem -days 7300 \
       -subj "/O=ELC Ledger test fixtures/CN=OpenSSL fixture TSA root" -addext "basicConstraints=critical,CA:true" \
       -addext "keyUsage=critical,keyCertSign,cRLSign"
openssl req -newkey rsa:2048 -nodes -keyout tsa-key.pem -out tsa.csr -subj "/O=ELC Ledger test fixtures/CN=OpenSSL fixture TSA"
openssl x509 -req -in tsa.csr -CA root.pem -CAkey root-key.pem -CAcreateserial -days 3650 -extfile ext.cnf -extensions tsa -out tsa.pem

write_ts_cnf() { # $1 = ess_cert_id_alg, $2 = signer_digest (default sha256)
  cat > ts.cnf <<CNF
[tsa]
default_tsa = fixture
[fixture]
dir = $work
serial = $work/serial
crypto_device = builtin
signer_cert = $work/tsa.pem
certs = $work/tsa.pem
signer_key = $work/tsa-key.pem
signer_digest = ${2:-sha256}
default_policy = 2.999.3161.1
digests = sha256, sha384, sha512, sm3
accuracy = secs:1, millisecs:500
ordering = no
tsa_name = yes
ess_cert_id_chain = no
ess_cert_id_alg = $1
CNF
}
echo 01 > serial

printf 'elc.example/log/test\n42\nq8m5sOQ5kTSdCnpNnPHPnp8SP1h3Uy/2dq9Q0BT0Fqo=\n' > data.txt

# 1. ESSCertID v1 (SHA-1), nonce, certificate included.
write_ts_cnf sha1
openssl ts -query -data data.txt -sha256 -cert -out q1.der
openssl ts -reply -config ts.cnf -queryfile q1.der -out r1.der 2>/dev/null
openssl ts -reply -in r1.der -token_out -out token-essv1.der
openssl ts -query -in q1.der -text | awk '/Nonce:/ {print $2}' | sed 's/^0x//' > nonce-essv1.txt

# 2. ESSCertIDv2 (SHA-256), no certificate in the token (certReq false).
write_ts_cnf sha256
openssl ts -query -data data.txt -sha256 -out q2.der
openssl ts -reply -config ts.cnf -queryfile q2.der -out r2.der 2>/dev/null
openssl ts -reply -in r2.der -token_out -out token-essv2-nocert.der

# 3. SM3 message imprint (OpenSSL 3 knows SM3), ESSCertIDv2, certificate included.
openssl ts -query -data data.txt -sm3 -cert -out q3.der
openssl ts -reply -config ts.cnf -queryfile q3.der -out r3.der 2>/dev/null
openssl ts -reply -in r3.der -token_out -out token-sm3.der

# 4. A SHA-1 CMS signature (signer_digest sha1): valid for OpenSSL, refused by core (SHA-2 only).
write_ts_cnf sha256 sha1
openssl ts -query -data data.txt -sha256 -cert -out q4.der
openssl ts -reply -config ts.cnf -queryfile q4.der -out r4.der 2>/dev/null
openssl ts -reply -in r4.der -token_out -out token-sha1-signature.der

# Independent checks before anything is kept.
openssl ts -verify -data data.txt -in token-essv1.der -token_in -CAfile root.pem >/dev/null
openssl ts -verify -data data.txt -in token-essv2-nocert.der -token_in -CAfile root.pem -untrusted tsa.pem >/dev/null
openssl ts -verify -data data.txt -in token-sm3.der -token_in -CAfile root.pem >/dev/null
openssl ts -verify -data data.txt -in token-sha1-signature.der -token_in -CAfile root.pem >/dev/null

for t in essv1 essv2-nocert sm3 sha1-signature; do
  openssl ts -reply -in "token-$t.der" -token_in -text > "token-$t.txt"
done
cp root.pem tsa.pem data.txt token-*.der token-*.txt nonce-essv1.txt "$out/"
# A second, unrelated root for the untrusted-chain case.
openssl req -x509 -newkey rsa:2048 -nodes -keyout other-key.pem -out "$out/other-root.pem" -days 7300 \
  -subj "/O=ELC Ledger test fixtures/CN=Unrelated root" -extensions root -config ext.cnf 2>/dev/null
echo "fixtures written to $out"
