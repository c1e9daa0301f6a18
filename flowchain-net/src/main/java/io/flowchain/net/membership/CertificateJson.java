package io.flowchain.net.membership;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.flowchain.core.crypto.NodePublicKey;
import io.flowchain.core.crypto.Signature;
import io.flowchain.core.types.Hash;
import io.flowchain.core.types.NodeId;
import io.flowchain.net.wire.StrictJson;
import io.flowchain.net.wire.WireException;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The JSON form of a {@link MembershipCertificate} (the {@code .cert.json} file and the {@code
 * certificate} of a hello), docs/protocol.md §12: {@code {"version":1, "genesisHash", "nodeKey",
 * "nodeId", "notBefore", "notAfter", "roles", "issuer", "signature"}}. Reading is strict.
 */
public final class CertificateJson {
  private static final Set<String> FIELDS =
      Set.of(
          "version",
          "genesisHash",
          "nodeKey",
          "nodeId",
          "notBefore",
          "notAfter",
          "roles",
          "issuer",
          "signature");
  private static final String WHAT = "certificate";

  private CertificateJson() {}

  /** Writes {@code cert} as one JSON object into {@code g}. */
  public static void write(JsonGenerator g, MembershipCertificate cert) throws IOException {
    g.writeStartObject();
    g.writeNumberField("version", 1);
    g.writeStringField("genesisHash", cert.genesisHash().toHex());
    g.writeStringField("nodeKey", cert.nodeKey().toHex());
    g.writeStringField("nodeId", cert.nodeId().toHex());
    g.writeNumberField("notBefore", cert.notBefore());
    g.writeNumberField("notAfter", cert.notAfter());
    g.writeArrayFieldStart("roles");
    for (String r : cert.roles()) {
      g.writeString(r);
    }
    g.writeEndArray();
    g.writeStringField("issuer", cert.issuer().toHex());
    g.writeStringField("signature", cert.signature().toHex());
    g.writeEndObject();
  }

  /** {@code cert} as pretty-printed JSON text (the certificate file). */
  public static String toText(MembershipCertificate cert) {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = io.flowchain.net.wire.WireCodec.generator(out)) {
      g.useDefaultPrettyPrinter();
      write(g, cert);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out + "\n";
  }

  public static MembershipCertificate fromJson(JsonNode n) {
    StrictJson.fields(n, WHAT, FIELDS, Set.of());
    StrictJson.integer(n, "version", WHAT, 1, 1);
    List<String> roles = new ArrayList<>();
    for (JsonNode r : StrictJson.array(n, "roles", WHAT, MembershipCertificate.MAX_ROLES)) {
      if (!r.isTextual()) {
        throw new WireException("certificate.roles must hold strings");
      }
      roles.add(r.textValue());
    }
    try {
      return new MembershipCertificate(
          Hash.of(StrictJson.hex(n, "genesisHash", WHAT, Hash.SIZE)),
          NodePublicKey.of(StrictJson.hex(n, "nodeKey", WHAT, NodePublicKey.SIZE)),
          NodeId.of(StrictJson.hex(n, "nodeId", WHAT, NodeId.SIZE)),
          StrictJson.int64(n, "notBefore", WHAT),
          StrictJson.int64(n, "notAfter", WHAT),
          roles,
          NodePublicKey.of(StrictJson.hex(n, "issuer", WHAT, NodePublicKey.SIZE)),
          Signature.of(StrictJson.hex(n, "signature", WHAT, Signature.SIZE)));
    } catch (WireException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw new WireException(e.getMessage());
    }
  }

  public static MembershipCertificate parse(String text) {
    return fromJson(StrictJson.parseObject(text, "certificate file"));
  }

  public static MembershipCertificate read(Path file) throws IOException {
    try {
      return parse(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
  }

  /** Writes {@code cert} to {@code file}; refuses to overwrite. */
  public static void write(Path file, MembershipCertificate cert) throws IOException {
    Files.writeString(file, toText(cert), StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
  }
}
