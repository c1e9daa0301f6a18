# A Flowchain node in a container.
#
#   docker build -t flowchain .
#   docker run -d --name n1 -p 7001:7001 -p 9100:9100 \
#     -v n1-data:/var/lib/flowchain -v "$PWD/n1:/etc/flowchain:ro" \
#     -e FLOWCHAIN_HOST=node1.example.org flowchain
#
# /etc/flowchain holds network.json, node.pem and node.cert.json (docs/user-guide.md);
# every setting of `flowchain node start` can be given as FLOWCHAIN_<KEY> (docs/configuration.md).

# ---- build: the runnable jar, with the Maven wrapper, on a JDK 17
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY . .
RUN ./mvnw -B -q -DskipTests -Dspotless.check.skip=true -pl flowchain-cli -am package

# ---- run: a JRE 17 and the jar, as a user without privileges
FROM eclipse-temurin:17-jre
RUN groupadd --system flowchain \
 && useradd --system --gid flowchain --home-dir /var/lib/flowchain --shell /usr/sbin/nologin flowchain \
 && mkdir -p /var/lib/flowchain /etc/flowchain /opt/flowchain \
 && chown flowchain:flowchain /var/lib/flowchain
COPY --from=build /src/flowchain-cli/target/flowchain.jar /opt/flowchain/flowchain.jar

ENV FLOWCHAIN_DATA_DIR=/var/lib/flowchain/node \
    FLOWCHAIN_NETWORK=/etc/flowchain/network.json \
    FLOWCHAIN_KEY=/etc/flowchain/node.pem \
    FLOWCHAIN_CERT=/etc/flowchain/node.cert.json \
    FLOWCHAIN_PORT=7001 \
    FLOWCHAIN_METRICS_PORT=9100 \
    FLOWCHAIN_METRICS_HOST=0.0.0.0 \
    FLOWCHAIN_LOG_FORMAT=json \
    FLOWCHAIN_LOG_LEVEL=info \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75"

USER flowchain
WORKDIR /var/lib/flowchain
VOLUME ["/var/lib/flowchain"]
# 7001: peers (WebSocket); 5683/udp: CoAP, with FLOWCHAIN_COAP_PORT=5683; 9100: /metrics, /health, /ready
EXPOSE 7001 5683/udp 9100

# live = the node runs and its thread keeps up (GET /health answers 200); no curl needed
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${FLOWCHAIN_METRICS_PORT} && printf 'GET /health HTTP/1.0\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]

# SIGTERM (docker stop): the node leaves the ring, handing its keys on; give it the time
STOPSIGNAL SIGTERM
ENTRYPOINT ["java", "-jar", "/opt/flowchain/flowchain.jar"]
CMD ["node", "start"]
