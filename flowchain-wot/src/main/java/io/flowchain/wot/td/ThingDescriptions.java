package io.flowchain.wot.td;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowchain.wot.NodeInfo;
import io.flowchain.wot.WotJson;
import java.util.List;

/**
 * W3C WoT Thing Descriptions 1.1 of a node ({@code /.well-known/wot}) and of the devices attached
 * to it ({@code /things/{id}}, Virtual Things that link to their node). Every affordance has a form
 * for each binding that serves it; the security definition says what is true: the web API has no
 * authentication of its own ({@code nosec}), so it listens on loopback unless told otherwise.
 */
public final class ThingDescriptions {
  /** The media type of Thing Descriptions. */
  public static final String MEDIA_TYPE = "application/td+json";

  /** The TD 1.1 context IRI. */
  public static final String TD_CONTEXT = "https://www.w3.org/2022/wot/td/v1.1";

  /**
   * The TD 1.0 context IRI. TD 1.1 allows it before the 1.1 one, and consumers built on the TD 1.0
   * schema (node-wot 0.8) require it first.
   */
  public static final String TD_CONTEXT_1_0 = "https://www.w3.org/2019/wot/td/v1";

  private static final String JSON = "application/json";

  private ThingDescriptions() {}

  /** The Thing Description of the node; {@code devices} are linked as items. */
  public static ObjectNode node(NodeInfo info, Endpoints at, List<String> devices) {
    ObjectNode td = base("urn:flowchain:node:" + info.nodeId());
    td.put("title", "Flowchain node " + info.nodeId().substring(0, 8));
    td.put(
        "description",
        "A member of the Flowchain network '"
            + info.network()
            + "': it records readings in its own branch of virtual blocks and serves the"
            + " devices attached to it. Public key "
            + info.publicKey()
            + ".");
    ObjectNode props = td.putObject("properties");
    property(props, at, "nodeId", Schemas.hex(40, "The node id (SHA-1 of its public key)."));
    property(props, at, "ringNeighbours", Schemas.ring());
    property(props, at, "chainHeight", Schemas.integer(0, "The number of the last block."));
    property(
        props,
        at,
        "validBlock",
        Schemas.nullable(Schemas.integer(1, "The block records go into now; null if none.")));
    property(props, at, "balance", Schemas.integer(0, "The node's Flowcoin balance."));
    property(props, at, "status", Schemas.status());

    ObjectNode actions = td.putObject("actions");
    action(actions, at, "submit", submitInput(), Schemas.recordWithReceipt(), "Record a reading.");
    action(
        actions,
        at,
        "query",
        queryInput(),
        Schemas.page(),
        "One page of an object's time series, across the ring.");
    action(
        actions, at, "approve", approveInput(), approveOutput(), "An endpoint approves a record.");

    ObjectNode events = td.putObject("events");
    event(events, at, "blockMined", Schemas.block(), "The node mined a block of its branch.");
    event(
        events,
        at,
        "recordRecorded",
        Schemas.record(),
        "The node recorded a reading in its branch (as the successor of its key).");
    event(
        events,
        at,
        "recordVerified",
        Schemas.verified(),
        "A record of the node's branch became verified: an endpoint approved it and a majority of"
            + " its replica set confirmed; the node earned a Flowcoin.");

    ArrayNode links = td.putArray("links");
    for (String id : devices) {
      ObjectNode l = links.addObject();
      l.put("href", at.http() + "/things/" + id);
      l.put("rel", "item");
      l.put("type", MEDIA_TYPE);
    }
    return td;
  }

  /** The Thing Description of device {@code objectId}, a Virtual Thing served by its node. */
  public static ObjectNode device(String objectId, NodeInfo node, Endpoints at) {
    ObjectNode td = base("urn:flowchain:object:" + objectId);
    td.put("title", "Device " + objectId);
    td.put(
        "description",
        "Device " + objectId + " as a Virtual Thing on Flowchain node " + node.nodeId() + ".");
    String obj = "/object/" + objectId;

    ObjectNode props = td.putObject("properties");
    ObjectNode status = Schemas.deviceStatus();
    status.put("readOnly", true);
    status.put("observable", true);
    ArrayNode sf = status.putArray("forms");
    form(sf, at.http() + "/api/objects/" + objectId + "/status", "readproperty", null);
    form(sf, at.ws() + obj + "/status", "observeproperty", null);
    if (at.coap() != null) {
      ArrayNode ops = WotJson.MAPPER.createArrayNode().add("readproperty").add("observeproperty");
      form(sf, at.coap() + obj + "/status", ops, null);
    }
    props.set("status", status);

    ObjectNode actions = td.putObject("actions");
    ObjectNode send = WotJson.MAPPER.createObjectNode();
    send.put("description", "Push one JSON reading; it is recorded and answered with a receipt.");
    send.put("safe", false);
    send.put("idempotent", false);
    send.set("input", Schemas.of("object"));
    send.set("output", Schemas.recordWithReceipt());
    ArrayNode af = send.putArray("forms");
    form(af, at.http() + "/api/objects/" + objectId + "/records", "invokeaction", null);
    form(af, at.ws() + obj + "/send", "invokeaction", null);
    if (at.coap() != null) {
      form(af, at.coap() + obj + "/send", "invokeaction", null);
    }
    actions.set("send", send);

    ObjectNode events = td.putObject("events");
    ObjectNode reading = WotJson.MAPPER.createObjectNode();
    reading.put("description", "Each reading of this device the ledger acknowledged.");
    reading.set("data", Schemas.recordWithReceipt());
    ArrayNode ef = reading.putArray("forms");
    ObjectNode sse =
        form(ef, at.http() + "/api/objects/" + objectId + "/viewer", "subscribeevent", null);
    sse.put("subprotocol", "sse");
    form(ef, at.ws() + obj + "/viewer", "subscribeevent", null);
    if (at.coap() != null) {
      form(ef, at.coap() + obj + "/viewer", "subscribeevent", null);
    }
    events.set("reading", reading);

    ArrayNode links = td.putArray("links");
    ObjectNode l = links.addObject();
    l.put("href", at.nodeTd());
    l.put("rel", "collection");
    l.put("type", MEDIA_TYPE);
    return td;
  }

  private static ObjectNode base(String id) {
    ObjectNode td = WotJson.MAPPER.createObjectNode();
    ArrayNode context = td.putArray("@context");
    context.add(TD_CONTEXT_1_0).add(TD_CONTEXT).addObject().put("@language", "en");
    td.put("@type", "Thing");
    td.put("id", id);
    ObjectNode defs = td.putObject("securityDefinitions");
    ObjectNode nosec = defs.putObject("nosec_sc");
    nosec.put("scheme", "nosec");
    nosec.put(
        "description",
        "The web API, the broker and the CoAP resources do not authenticate clients; the node"
            + " listens on loopback unless started with another --http-host. Records are signed"
            + " by their recorder, so a reader can check what it gets.");
    td.put("security", "nosec_sc");
    return td;
  }

  private static void property(ObjectNode props, Endpoints at, String name, ObjectNode schema) {
    schema.put("readOnly", true);
    schema.put("observable", false);
    ArrayNode forms = schema.putArray("forms");
    form(forms, at.http() + "/api/properties/" + name, "readproperty", null);
    if (at.coap() != null) {
      form(forms, at.coap() + "/properties/" + name, "readproperty", null);
    }
    props.set(name, schema);
  }

  private static void action(
      ObjectNode actions,
      Endpoints at,
      String name,
      ObjectNode input,
      ObjectNode output,
      String description) {
    ObjectNode a = WotJson.MAPPER.createObjectNode();
    a.put("description", description);
    a.put("safe", name.equals("query"));
    a.put("idempotent", name.equals("query"));
    a.set("input", input);
    a.set("output", output);
    ArrayNode forms = a.putArray("forms");
    form(forms, at.http() + "/api/actions/" + name, "invokeaction", null);
    if (at.coap() != null) {
      form(forms, at.coap() + "/actions/" + name, "invokeaction", null);
    }
    actions.set(name, a);
  }

  private static void event(
      ObjectNode events, Endpoints at, String name, ObjectNode data, String description) {
    ObjectNode e = WotJson.MAPPER.createObjectNode();
    e.put("description", description);
    e.set("data", data);
    ArrayNode forms = e.putArray("forms");
    ObjectNode sse = form(forms, at.http() + "/api/events/" + name, "subscribeevent", null);
    sse.put("subprotocol", "sse");
    form(forms, at.ws() + "/events/" + name, "subscribeevent", null);
    if (at.coap() != null) {
      form(forms, at.coap() + "/events/" + name, "subscribeevent", null);
    }
    events.set(name, e);
  }

  private static ObjectNode form(ArrayNode forms, String href, Object op, String contentType) {
    ObjectNode f = forms.addObject();
    f.put("href", href);
    if (op instanceof String s) {
      f.put("op", s);
    } else {
      f.set("op", (ArrayNode) op);
    }
    f.put("contentType", contentType == null ? JSON : contentType);
    return f;
  }

  private static ObjectNode submitInput() {
    ObjectNode n = Schemas.of("object");
    ObjectNode p = n.putObject("properties");
    p.set("objectId", Schemas.objectId());
    ObjectNode ct = Schemas.of("string");
    ct.put("description", "The media type of data (default application/json).");
    p.set("contentType", ct);
    ObjectNode data = WotJson.MAPPER.createObjectNode();
    data.put(
        "description",
        "The reading: any JSON value (stored as JSON), or a string for another content type.");
    p.set("data", data);
    n.putArray("required").add("objectId").add("data");
    return n;
  }

  private static ObjectNode queryInput() {
    ObjectNode n = Schemas.of("object");
    ObjectNode p = n.putObject("properties");
    p.set("objectId", Schemas.objectId());
    p.set("from", Schemas.integer(0, "From this timestamp (ms), inclusive; default 0."));
    p.set("to", Schemas.integer(0, "To this timestamp (ms), exclusive; default: now + 1 day."));
    ObjectNode limit = Schemas.integer(1, "Records per page (default 100).");
    limit.put("maximum", 1000);
    p.set("limit", limit);
    ObjectNode after = Schemas.of("string");
    after.put("description", "The 'next' cursor of the previous page.");
    p.set("after", after);
    n.putArray("required").add("objectId");
    return n;
  }

  private static ObjectNode approveInput() {
    ObjectNode n = Schemas.of("object");
    ObjectNode p = n.putObject("properties");
    ObjectNode approval = Schemas.of("string");
    approval.put("pattern", "^([0-9a-f]{2})+$");
    approval.put("maxLength", 4096);
    approval.put(
        "description",
        "The endpoint's signed approval in its canonical form, hex (protocol.md §14: txID, data"
            + " key, record digest, time, endpoint key, its certificate with the role endpoint,"
            + " signature).");
    p.set("approval", approval);
    n.putArray("required").add("approval");
    return n;
  }

  private static ObjectNode approveOutput() {
    ObjectNode n = Schemas.of("object");
    ObjectNode p = n.putObject("properties");
    p.set("verified", Schemas.of("boolean"));
    p.set("confirmations", Schemas.integer(0, "Replicas that confirmed the record."));
    return n;
  }
}
