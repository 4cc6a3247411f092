#!/bin/bash
# docker-compose.yml's broker (apache/kafka image): a single KRaft node that
# requires SASL/SCRAM-SHA-512 on its client listener (SASL_PLAINTEXT: put TLS,
# SASL_SSL, in front of it outside one host) and enforces ACLs with Kafka's
# StandardAuthorizer, as infra/local/kafka.mjs runs it without Docker.
# The principals' passwords are the files of /keys/kafka (made by the `keys`
# service); they are written into the metadata when the volume is first
# formatted (--add-scram). `broker` is the node's own PLAIN user (controller
# and inter-broker connections), a super user like `admin`.
set -euo pipefail
secrets=/keys/kafka
broker_password=$(cat "$secrets/broker")
plain="org.apache.kafka.common.security.plain.PlainLoginModule required username=\"broker\" password=\"$broker_password\" user_broker=\"$broker_password\";"
props=/tmp/server.properties
umask 077
cat > "$props" <<PROPERTIES
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@kafka:9093
listeners=CLIENT://:9092,CONTROLLER://:9093
advertised.listeners=CLIENT://kafka:9092
controller.listener.names=CONTROLLER
inter.broker.listener.name=CLIENT
listener.security.protocol.map=CONTROLLER:SASL_PLAINTEXT,CLIENT:SASL_PLAINTEXT
listener.name.client.sasl.enabled.mechanisms=SCRAM-SHA-512,PLAIN
listener.name.client.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;
listener.name.client.plain.sasl.jaas.config=$plain
sasl.mechanism.inter.broker.protocol=PLAIN
listener.name.controller.sasl.enabled.mechanisms=PLAIN
listener.name.controller.plain.sasl.jaas.config=$plain
sasl.mechanism.controller.protocol=PLAIN
authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
super.users=User:broker;User:admin
allow.everyone.if.no.acl.found=false
log.dirs=/var/lib/kafka/data
num.partitions=3
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
PROPERTIES
# The client settings of the healthcheck and of the kafka-users service: the broker's own PLAIN user.
cat > /tmp/broker-client.properties <<PROPERTIES
security.protocol=SASL_PLAINTEXT
sasl.mechanism=PLAIN
sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="broker" password="$broker_password";
PROPERTIES
scram=()
for file in "$secrets"/*; do
  name=$(basename "$file")
  [ "$name" = broker ] && continue
  scram+=(--add-scram "SCRAM-SHA-512=[name=$name,password=$(cat "$file")]")
done
/opt/kafka/bin/kafka-storage.sh format --ignore-formatted --cluster-id "$CLUSTER_ID" --config "$props" "${scram[@]}"
exec /opt/kafka/bin/kafka-server-start.sh "$props"
