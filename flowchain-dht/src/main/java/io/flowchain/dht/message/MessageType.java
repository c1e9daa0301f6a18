package io.flowchain.dht.message;

/** The wire name of each {@link ChordMessage} case, as the original RPC set names them. */
public enum MessageType {
  NOTIFY_STABILIZE,
  NOTIFY_PREDECESSOR,
  NOTIFY_SUCCESSOR,
  NOTIFY_JOIN,
  NOTIFY_LEAVE,
  FIND_SUCCESSOR,
  FOUND_SUCCESSOR,
  CHECK_PREDECESSOR,
  CHECK_SUCCESSOR,
  CHECK_TTL,
  MESSAGE
}
