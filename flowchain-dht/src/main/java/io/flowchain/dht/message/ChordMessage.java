package io.flowchain.dht.message;

/**
 * A message between two ring members. The sender is not part of the message: the transport knows it
 * and hands it to the receiver with the message.
 *
 * <p>Every message carries a request id chosen by its sender. A reply repeats the id of the request
 * it answers ({@link NotifySuccessor} answers {@link NotifyStabilize} and {@link NotifyJoin};
 * {@link CheckTtl} answers {@link CheckSuccessor}, {@link CheckPredecessor}, {@link
 * NotifyPredecessor} and acknowledges each hop of a routed {@link FindSuccessor} or {@link
 * Message}); {@link FoundSuccessor} repeats the lookup id that the origin chose. Ids are unique per
 * sender only.
 *
 * <p>All cases are immutable values; the wire codec lives outside this package.
 */
public sealed interface ChordMessage
    permits NotifyStabilize,
        NotifySuccessor,
        NotifyPredecessor,
        NotifyJoin,
        NotifyLeave,
        FindSuccessor,
        FoundSuccessor,
        CheckPredecessor,
        CheckSuccessor,
        CheckTtl,
        Message {

  /** The sender's id for this request, or of the request that this message answers. */
  long requestId();

  /** The RPC name of this message. */
  MessageType type();
}
