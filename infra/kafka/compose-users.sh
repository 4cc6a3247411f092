#!/bin/bash
# docker-compose.yml's `kafka-users` service: gives the broker the SCRAM
# credentials of /keys/kafka on every `up`, so that a volume formatted before
# they existed (or a password rotated in /keys/kafka) is brought up to date
# without reformatting; the broker keeps its data. Logs in as the broker's own
# PLAIN user.
set -euo pipefail
secrets=/keys/kafka
config=/tmp/broker-client.properties
umask 077
cat > "$config" <<PROPERTIES
security.protocol=SASL_PLAINTEXT
sasl.mechanism=PLAIN
sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="broker" password="$(cat "$secrets/broker")";
PROPERTIES
for file in "$secrets"/*; do
  name=$(basename "$file")
  [ "$name" = broker ] && continue
  /opt/kafka/bin/kafka-configs.sh --bootstrap-server kafka:9092 --command-config "$config" \
    --alter --entity-type users --entity-name "$name" --add-config "SCRAM-SHA-512=[password=$(cat "$file")]"
done
