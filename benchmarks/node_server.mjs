// The reference for benchmarks/fanout.py: a bare Node socket.io server speaking as much of the
// project's protocol as the load generator uses (docs/protocol.md): a client connects with
// auth {token}, joins the room, posts `note.post` {op_id, data: {text}} and gets {ok, result, seq}
// back; every note goes to everyone at once as one `events` message [{seq, kind: "note.added",
// audience: "all", data: {note}}]. `statement.answer` {op_id, data: {statement_id, answer}} is
// the vote: acknowledged with the seq of a `statement.results` event (the tally so far) sent to all.
// No validation, no storage, no coalescing: one message per change per client, like
// benchmarks/relay_server.py. Run: node node_server.mjs PORT MODULES_DIR
import { createRequire } from "node:module";
import http from "node:http";

const [port, modules] = process.argv.slice(2);
const require = createRequire(modules + "/");
const { Server } = require("socket.io");

const httpServer = http.createServer((req, res) => {
  if (req.url === "/healthz") { res.writeHead(200); res.end("ok"); return; }
  res.writeHead(404); res.end();
});
httpServer.on("connection", (s) => s.setNoDelay(true)); // as Facilitator's server does (TCP_NODELAY)
const io = new Server(httpServer, { perMessageDeflate: false, httpCompression: false });
let seq = 0;
const tally = {}; // answer -> count
let answered = 0;
const now = () => new Date().toISOString();

io.on("connection", (socket) => {
  if (!socket.handshake.auth || !socket.handshake.auth.token) { socket.disconnect(true); return; }
  socket.join("all");
  socket.on("note.post", (payload, ack) => {
    seq += 1;
    const note = { text: String(payload.data.text), author: socket.handshake.auth.token };
    io.to("all").emit("events", [{ seq, kind: "note.added", audience: "all", data: { note }, at: now() }]);
    if (typeof ack === "function") ack({ ok: true, result: note, seq });
  });
  socket.on("statement.answer", (payload, ack) => {
    const answer = String(payload.data.answer);
    tally[answer] = (tally[answer] || 0) + 1;
    answered += 1;
    seq += 1;
    const data = { statement_id: payload.data.statement_id, answered, result: { counts: { ...tally }, total: answered } };
    io.to("all").emit("events", [{ seq, kind: "statement.results", audience: "all", data, at: now() }]);
    if (typeof ack === "function") ack({ ok: true, result: { answer }, seq });
  });
});

httpServer.listen(Number(port), "127.0.0.1");
