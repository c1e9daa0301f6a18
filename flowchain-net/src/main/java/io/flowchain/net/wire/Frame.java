package io.flowchain.net.wire;

/**
 * One wire frame: a Chord message with its sender, a step of the membership handshake, or a
 * refusal. Every frame is one JSON object (a WebSocket text frame, or the body of a CoAP POST or
 * its response); {@link WireCodec} maps frames to and from text.
 */
public sealed interface Frame permits ChordFrame, Hello, Proof, Refusal {}
