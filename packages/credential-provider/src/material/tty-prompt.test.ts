import assert from "node:assert/strict";
import { PassThrough } from "node:stream";
import test from "node:test";
import { ttyPrompt } from "./tty-prompt.js";

/** A fake terminal: a stream we type into, recording raw-mode switches, output, and both in order. */
function terminal() {
  const rawModes: boolean[] = [];
  const written: string[] = [];
  const events: string[] = [];
  const input = Object.assign(new PassThrough(), {
    setRawMode: (mode: boolean) => {
      rawModes.push(mode);
      events.push(`raw ${mode}`);
    },
  });
  const output = {
    write: (s: string) => {
      written.push(s);
      events.push(`write ${JSON.stringify(s)}`);
    },
  };
  return { input, rawModes, written, events, output };
}

test("reads one line without echoing it, in raw mode, and restores the terminal", async () => {
  const t = terminal();
  const answer = ttyPrompt("Passphrase for k.pem: ", t.input, t.output);
  t.input.write("s3cret pass\r");
  assert.equal(await answer, "s3cret pass");
  assert.deepEqual(t.written, ["Passphrase for k.pem: ", "\n"]);
  assert.deepEqual(t.rawModes, [true, false]);
  assert.deepEqual(
    t.events,
    ["raw true", 'write "Passphrase for k.pem: "', "raw false", 'write "\\n"'],
    "echo is off before the question shows: an answer typed at once is not echoed",
  );
  assert.equal(t.input.listenerCount("data"), 0);
});

test("applies backspace and Ctrl-U, keeps non-ASCII, arrives in pieces", async () => {
  const t = terminal();
  const answer = ttyPrompt("? ", t.input, t.output);
  for (const piece of ["wrong\u0015pä", "ss\u007f\u007fss", "wörd✓x\b", "\n"]) t.input.write(piece);
  assert.equal(await answer, "pässwörd✓");
});

test("Ctrl-C rejects; Ctrl-D and end of input finish with what was typed", async () => {
  const cancelled = terminal();
  const rejected = ttyPrompt("? ", cancelled.input, cancelled.output);
  cancelled.input.write("abc\u0003");
  await assert.rejects(rejected, /Ctrl-C/);
  assert.deepEqual(cancelled.rawModes, [true, false]);

  const eof = terminal();
  const answer = ttyPrompt("? ", eof.input, eof.output);
  eof.input.write("abc\u0004");
  assert.equal(await answer, "abc");

  const closed = terminal();
  const partial = ttyPrompt("? ", closed.input, closed.output);
  closed.input.end("xy");
  assert.equal(await partial, "xy");
});
