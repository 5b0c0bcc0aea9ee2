#!/usr/bin/env bash
# make_test_pki.sh OUTDIR
#
# Creates a throw-away test PKI for the feed simulator (tests/sim/feed_simulator.py).
# Nothing here is a secret and nothing is committed: run it at build/test time.
#
# Outputs (PEM, each NAME.pem + NAME.key):
#   ca            test CA (CA:TRUE, keyCertSign/cRLSign), valid from yesterday for 20 years
#   localhost     leaf for DNS:localhost signed by ca, valid 2 years from yesterday
#   other-ca      a second, unrelated CA
#   untrusted     leaf for DNS:localhost signed by other-ca
#   wronghost     leaf for DNS:wrong.example only, signed by ca
#   expired       leaf for DNS:localhost signed by ca, valid 2020-01-01 .. 2021-01-01
#   notyet        leaf for DNS:localhost signed by ca, valid 2040-01-01 .. 2042-01-01
#   selfsigned    self-signed leaf for DNS:localhost
#
# Keys: RSA 2048 by default (widest client compatibility); PKI_KEY_ALG=ec selects
# EC P-256. Signatures: SHA-256.
#
# Idempotent: if every output already exists, it does nothing. Concurrency: an
# flock on OUTDIR/.pki.lock serialises callers; files are generated in a private
# temp dir inside OUTDIR and renamed into place, ca.pem last (so "ca.pem exists"
# implies the set is complete).
set -euo pipefail

if [[ $# -ne 1 ]]; then
    echo "usage: $0 OUTDIR" >&2
    exit 2
fi

OUTDIR=$1
KEY_ALG=${PKI_KEY_ALG:-rsa}
NAMES=(ca localhost other-ca untrusted wronghost expired notyet selfsigned)

all_present() {
    local n
    for n in "${NAMES[@]}"; do
        [[ -s "$OUTDIR/$n.pem" && -s "$OUTDIR/$n.key" ]] || return 1
    done
    return 0
}

# Fast path without taking the lock.
if all_present; then
    exit 0
fi

mkdir -p "$OUTDIR"
exec 9>"$OUTDIR/.pki.lock"
flock 9
# Re-check: another caller may have finished while we waited.
if all_present; then
    exit 0
fi

TMP=$(mktemp -d "$OUTDIR/.pki-tmp.XXXXXX")
trap 'rm -rf "$TMP"' EXIT

genkey() { # genkey FILE
    case "$KEY_ALG" in
        rsa) openssl genpkey -quiet -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$1" 2>/dev/null \
                 || openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$1" 2>/dev/null ;;
        ec)  openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -pkeyopt ec_param_enc:named_curve -out "$1" 2>/dev/null ;;
        *)   echo "PKI_KEY_ALG must be rsa or ec" >&2; exit 2 ;;
    esac
    chmod 600 "$1"
}

# openssl ca wants YYYYMMDDHHMMSSZ (GeneralizedTime) or YYMMDDHHMMSSZ.
ts() { date -u -d "$1" +%Y%m%d%H%M%SZ; }
YESTERDAY=$(ts "yesterday")
PLUS2Y=$(ts "yesterday + 730 days")
PLUS20Y=$(ts "yesterday + 7300 days")

cat >"$TMP/ca.cnf" <<'EOF'
[ ca ]
default_ca = testca

[ testca ]
dir              = .
database         = $dir/index.txt
new_certs_dir    = $dir/newcerts
serial           = $dir/serial
default_md       = sha256
policy           = policy_any
unique_subject   = no
copy_extensions  = none
email_in_dn      = no
preserve         = yes

[ policy_any ]
commonName             = supplied
organizationName       = optional
organizationalUnitName = optional

[ req ]
distinguished_name = req_dn
prompt             = no
[ req_dn ]
CN = placeholder

[ v3_ca ]
basicConstraints       = critical, CA:TRUE
keyUsage               = critical, keyCertSign, cRLSign
subjectKeyIdentifier   = hash
authorityKeyIdentifier = keyid:always

[ v3_leaf_localhost ]
basicConstraints       = critical, CA:FALSE
keyUsage               = critical, digitalSignature, keyEncipherment
extendedKeyUsage       = serverAuth
subjectAltName         = DNS:localhost
subjectKeyIdentifier   = hash
authorityKeyIdentifier = keyid, issuer

[ v3_leaf_wronghost ]
basicConstraints       = critical, CA:FALSE
keyUsage               = critical, digitalSignature, keyEncipherment
extendedKeyUsage       = serverAuth
subjectAltName         = DNS:wrong.example
subjectKeyIdentifier   = hash
authorityKeyIdentifier = keyid, issuer

[ v3_selfsigned ]
basicConstraints       = critical, CA:FALSE
keyUsage               = critical, digitalSignature, keyEncipherment, keyCertSign
extendedKeyUsage       = serverAuth
subjectAltName         = DNS:localhost
subjectKeyIdentifier   = hash
EOF

# Per-CA state directories (openssl ca database, serial, issued copies).
init_ca_state() { # init_ca_state DIR
    mkdir -p "$1/newcerts"
    : >"$1/index.txt"
    openssl rand -hex 16 | sed 's/^[89a-f]/7/' >"$1/serial"   # positive 128-bit serial
}

# make_ca NAME CN
make_ca() {
    local name=$1 cn=$2 st="$TMP/state-$1"
    init_ca_state "$st"
    genkey "$TMP/$name.key"
    openssl req -new -config "$TMP/ca.cnf" -key "$TMP/$name.key" -subj "/O=newsticker test/CN=$cn" \
        -out "$st/$name.csr"
    (cd "$st" && openssl ca -batch -notext -config "$TMP/ca.cnf" -selfsign \
        -keyfile "$TMP/$name.key" -in "$name.csr" -out "$TMP/$name.pem" \
        -extensions v3_ca -startdate "$YESTERDAY" -enddate "$PLUS20Y" 2>"$st/ca.log") \
        || { cat "$st/ca.log" >&2; exit 1; }
}

# make_leaf NAME CANAME CN EXT START END
make_leaf() {
    local name=$1 caname=$2 cn=$3 ext=$4 start=$5 end=$6 st="$TMP/state-$2"
    genkey "$TMP/$name.key"
    openssl req -new -config "$TMP/ca.cnf" -key "$TMP/$name.key" -subj "/O=newsticker test/CN=$cn" \
        -out "$st/$name.csr"
    (cd "$st" && openssl ca -batch -notext -config "$TMP/ca.cnf" \
        -cert "$TMP/$caname.pem" -keyfile "$TMP/$caname.key" -in "$name.csr" -out "$TMP/$name.pem" \
        -extensions "$ext" -startdate "$start" -enddate "$end" 2>"$st/ca.log") \
        || { cat "$st/ca.log" >&2; exit 1; }
}

make_ca   ca        "newsticker Test CA"
make_ca   other-ca  "newsticker Other (untrusted) CA"
make_leaf localhost ca       localhost     v3_leaf_localhost "$YESTERDAY" "$PLUS2Y"
make_leaf untrusted other-ca localhost     v3_leaf_localhost "$YESTERDAY" "$PLUS2Y"
make_leaf wronghost ca       wrong.example v3_leaf_wronghost "$YESTERDAY" "$PLUS2Y"
make_leaf expired   ca       localhost     v3_leaf_localhost 20200101000000Z 20210101000000Z
make_leaf notyet    ca       localhost     v3_leaf_localhost 20400101000000Z 20420101000000Z

# Self-signed localhost certificate (issuer == subject, signed by its own key).
init_ca_state "$TMP/state-selfsigned"
genkey "$TMP/selfsigned.key"
openssl req -new -config "$TMP/ca.cnf" -key "$TMP/selfsigned.key" -subj "/O=newsticker test/CN=localhost" \
    -out "$TMP/state-selfsigned/selfsigned.csr"
(cd "$TMP/state-selfsigned" && openssl ca -batch -notext -config "$TMP/ca.cnf" -selfsign \
    -keyfile "$TMP/selfsigned.key" -in selfsigned.csr -out "$TMP/selfsigned.pem" \
    -extensions v3_selfsigned -startdate "$YESTERDAY" -enddate "$PLUS2Y" 2>ca.log) \
    || { cat "$TMP/state-selfsigned/ca.log" >&2; exit 1; }

# Sanity checks before publishing anything.
openssl verify -CAfile "$TMP/ca.pem" "$TMP/localhost.pem" >/dev/null
openssl verify -CAfile "$TMP/other-ca.pem" "$TMP/untrusted.pem" >/dev/null

# Publish: rename into place (same filesystem => atomic per file), ca.pem last.
for n in "${NAMES[@]}"; do
    [[ $n == ca ]] && continue
    mv -f "$TMP/$n.key" "$OUTDIR/$n.key"
    mv -f "$TMP/$n.pem" "$OUTDIR/$n.pem"
done
mv -f "$TMP/ca.key" "$OUTDIR/ca.key"
mv -f "$TMP/ca.pem" "$OUTDIR/ca.pem"
