// Consumes a Flowchain node's Thing Description, unmodified, with Eclipse Thingweb node-wot:
// reads the nodeId property, subscribes to the recordRecorded event, invokes the submit action and
// waits for the event of the record it submitted, all over one protocol (http or coap).
// Usage: node consumer.js <TD URL> <http|coap> <objectId>
// Prints one JSON line {"protocol", "nodeId", "txID", "eventTxID"} and exits 0, or exits 1.
"use strict";
const { Servient } = require("@node-wot/core");
const { HttpClientFactory } = require("@node-wot/binding-http");
const { CoapClientFactory } = require("@node-wot/binding-coap");

const [tdUrl, protocol, objectId] = process.argv.slice(2);
const scheme = protocol + "://";

function formIndex(affordance) {
  const i = affordance.forms.findIndex((f) => f.href.startsWith(scheme));
  if (i < 0) throw new Error(`no ${protocol} form in ${JSON.stringify(affordance.forms)}`);
  return i;
}

async function main() {
  const servient = new Servient();
  servient.addClientFactory(new HttpClientFactory(null));
  servient.addClientFactory(new CoapClientFactory());
  const WoT = await servient.start();
  const td = await WoT.requestThingDescription(tdUrl);
  const thing = await WoT.consume(td);

  const nodeId = await (
    await thing.readProperty("nodeId", { formIndex: formIndex(td.properties.nodeId) })
  ).value();

  let wanted = null;
  const seen = [];
  let resolveEvent;
  const event = new Promise((resolve) => (resolveEvent = resolve));
  const subscription = await thing.subscribeEvent(
    "recordRecorded",
    async (data) => {
      try {
        const record = await data.value();
        seen.push(record.txID);
        if (record.objectId === objectId && (wanted === null || record.txID === wanted)) {
          resolveEvent(record.txID);
        }
      } catch (e) {
        // a notification that is not a record (the observe registration's answer)
      }
    },
    (e) => console.error("event error", e),
    { formIndex: formIndex(td.events.recordRecorded) }
  );

  const out = await (
    await thing.invokeAction(
      "submit",
      { objectId, data: { temperature: 21.5, unit: "C" } },
      { formIndex: formIndex(td.actions.submit) }
    )
  ).value();
  wanted = out.receipt.txID;
  if (seen.includes(wanted)) resolveEvent(wanted);

  const timeout = new Promise((_, reject) =>
    setTimeout(() => reject(new Error(`no recordRecorded event for ${wanted}; saw ${seen}`)), 20000)
  );
  const eventTxID = await Promise.race([event, timeout]);
  console.log(JSON.stringify({ protocol, nodeId, txID: out.receipt.txID, eventTxID }));
  await subscription.stop({ formIndex: formIndex(td.events.recordRecorded) }).catch(() => {});
  await servient.shutdown();
  process.exit(0);
}

main().catch((e) => {
  console.error(e && e.stack ? e.stack : e);
  process.exit(1);
});
