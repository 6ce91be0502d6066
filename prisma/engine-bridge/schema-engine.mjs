#!/usr/bin/env node
// Stand-in for Prisma's native `schema-engine` binary, for machines that cannot download it.
// The Prisma CLI runs it through PRISMA_SCHEMA_ENGINE_BINARY (set in prisma.config.ts); it speaks
// the native engine's CLI protocol and forwards every request to @prisma/schema-engine-wasm,
// connected to the database through a driver adapter chosen from the URL.
// Background and the gaps in the wasm engine and adapters that the bridge covers: README.md.
import fs from "node:fs";
import readline from "node:readline";
import { Bridge, loadWasm, runCli } from "./engine.mjs";

// Only protocol JSON may reach stdout: keep a private handle on it and send everything else to stderr.
const stdout = process.stdout.write.bind(process.stdout);
process.stdout.write = process.stderr.write.bind(process.stderr);
console.log = console.info = console.debug = console.error;

function parseArgs(argv) {
  const args = { datamodels: [], datasource: {}, cli: null, version: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--datamodels") args.datamodels.push(argv[++i]);
    else if (a === "--datasource") args.datasource = JSON.parse(argv[++i]);
    else if (a === "--enabled-preview-features" || a === "--extension-types")
      i++; // no wasm equivalent
    else if (a === "--version" || a === "-V") args.version = true;
    else if (a === "cli") args.cli = argv[++i];
  }
  return args;
}

/** A log line in the native engine's format (the CLI parses stderr lines as JSON). */
const logLine = (level, fields, target = "schema_engine::logger") =>
  JSON.stringify({ timestamp: new Date().toISOString(), level, fields, target }) + "\n";

async function cliMode(command, url) {
  // The CLI skips the first stderr line and parses every later one as JSON.
  process.stderr.write(logLine("INFO", { message: "Starting schema engine bridge CLI" }, "schema_engine_cli"));
  try {
    await runCli(command, url);
    return 0;
  } catch (e) {
    const fields = e?.code ? { error_code: e.code, message: e.message } : { message: e?.message ?? String(e) };
    process.stderr.write(logLine("ERROR", fields));
    return 1;
  }
}

function rpcMode(args) {
  const datamodels = args.datamodels.map((file) => [file, fs.readFileSync(file, "utf8")]);
  const log = (line) => process.stderr.write(String(line).trimEnd() + "\n");
  let bridge;
  try {
    bridge = new Bridge({ datamodels, datasource: args.datasource, log });
  } catch (e) {
    // e.g. an unsupported url: answer every request with the reason instead of dying without one.
    const error = {
      code: 4466,
      message: "An error happened. Check the data field for details.",
      data: { is_panic: false, message: e?.message ?? String(e) },
    };
    bridge = { call: async () => Promise.reject(error), close: async () => {} };
  }
  const send = (msg) => stdout(JSON.stringify(msg) + "\n");

  // Requests we send to the CLI (only `print`), waiting for its answer.
  let nextId = 1;
  const pending = new Map();
  bridge.print = (content) =>
    new Promise((resolve) => {
      const id = nextId++;
      pending.set(id, resolve);
      send({ jsonrpc: "2.0", id, method: "print", params: { content } });
    });

  const queue = [];
  let busy = false;
  let stdinClosed = false;
  let exiting = false;

  async function exit(code) {
    if (exiting) return;
    exiting = true;
    await bridge.close();
    process.exit(code);
  }

  let current = null;
  async function handle(req) {
    current = req;
    try {
      const result = await bridge.call(req.method, req.params);
      if (req.id !== undefined) send({ jsonrpc: "2.0", id: req.id, result: result === undefined ? {} : result });
    } catch (error) {
      if (req.id !== undefined) send({ jsonrpc: "2.0", id: req.id, error });
      // Like the native engine: a panic ends the process with 101 (the wasm instance is unusable).
      if (error?.data?.is_panic) await exit(101);
    } finally {
      current = null;
    }
  }

  // One request at a time, in order, as the native engine does.
  async function pump() {
    if (busy) return;
    busy = true;
    while (queue.length) await handle(queue.shift());
    busy = false;
    if (stdinClosed) await exit(0);
  }

  const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  rl.on("line", (line) => {
    if (!line.trim()) return;
    let msg;
    try {
      msg = JSON.parse(line);
    } catch {
      return send({ jsonrpc: "2.0", id: null, error: { code: -32700, message: "Parse error" } });
    }
    if (typeof msg.method === "string") {
      queue.push(msg);
      pump();
    } else if (pending.has(msg.id)) {
      pending.get(msg.id)(msg.result);
      pending.delete(msg.id);
    }
  });
  rl.on("close", () => {
    stdinClosed = true;
    if (!busy) exit(0);
  });
  for (const [signal, code] of [
    ["SIGTERM", 143],
    ["SIGINT", 130],
  ])
    process.on(signal, () => exit(code));
  // A wasm panic inside an engine task surfaces here, not as a rejected promise (e.g. gap 8).
  const crash = (e) => {
    const message = globalThis.PRISMA_WASM_PANIC_REGISTRY?.message || e?.stack || String(e);
    process.stderr.write(logLine("ERROR", { is_panic: true, message }));
    if (current?.id !== undefined)
      send({
        jsonrpc: "2.0",
        id: current.id,
        error: { code: 4466, message: "An error happened. Check the data field for details.", data: { is_panic: true, message } },
      });
    exit(101);
  };
  process.on("uncaughtException", crash);
  process.on("unhandledRejection", crash);
}

const args = parseArgs(process.argv.slice(2));
if (args.version) {
  const glue = await loadWasm();
  stdout(`schema-engine-cli ${glue.version()}\n`);
} else if (args.cli) {
  process.exitCode = await cliMode(args.cli, args.datasource.url);
} else {
  rpcMode(args);
}
