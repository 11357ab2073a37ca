#!/usr/bin/env bash
# Server CPU per full TLS handshake of the verifier's https (README, "HTTPS without a proxy").
# The service runs pinned to core 1 with a fresh P-256 test certificate, `openssl s_time` makes new
# TLS 1.3 connections from core 0 (three 10 s warm-up rounds, then one measured), and the service's
# CPU time over the measured round comes from /proc. Needs Linux, 2 cores, openssl and taskset, and
# the built jar (./mvnw -q -B -pl verifier -am package -DskipTests).
#   verifier/scripts/tls-handshakes.sh                                    # BoringSSL where it loads
#   verifier/scripts/tls-handshakes.sh -Dio.netty.handler.ssl.noOpenSsl=true   # the JDK's TLS
set -euo pipefail
cd "$(dirname "$0")/../.."
jar=verifier/target/leerbewijs-verifier.jar
port=${PORT:-18443}
dir=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$dir"' EXIT
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 -subj /CN=localhost \
  -keyout "$dir/key.pem" -out "$dir/cert.pem" 2>/dev/null
LEERBEWIJS_TRUST_LIST=keys-example/src/main/resources/leerbewijs/keys-example/trust-list.json \
LEERBEWIJS_VERIFIER_HTTP_HOST=127.0.0.1 LEERBEWIJS_VERIFIER_HTTP_PORT=$port \
LEERBEWIJS_VERIFIER_TLS_CERT=$dir/cert.pem LEERBEWIJS_VERIFIER_TLS_KEY=$dir/key.pem \
  taskset -c 1 java "$@" -jar "$jar" serve > "$dir/serve.log" 2>&1 &
pid=$!
for _ in $(seq 1 60); do (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null && break; sleep 0.5; done
grep -o "TLS by [A-Za-z ]*" "$dir/serve.log"
for _ in 1 2 3; do taskset -c 0 openssl s_time -connect 127.0.0.1:$port -new -time 10 >/dev/null 2>&1; done
cpu() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
c0=$(cpu); t0=$(date +%s.%N)
n=$(taskset -c 0 openssl s_time -connect 127.0.0.1:$port -new -time 10 2>&1 | awk '/real seconds/ {print $1}')
c1=$(cpu); t1=$(date +%s.%N)
python3 -c "
n, cpu, wall = $n, ($c1 - $c0) / $(getconf CLK_TCK), $t1 - $t0
print(f'{n} full handshakes in {wall:.1f} s ({n / wall:.0f}/s); the service used {cpu:.2f} s of CPU:'
      f' {1000 * cpu / n:.2f} ms per handshake, {n / cpu:.0f} per core-second')"
