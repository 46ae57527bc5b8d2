import assert from "node:assert/strict";
import test from "node:test";
import { tsvRows } from "./fixture-files.js";
import { bmpPassword, pkcs12Kdf } from "./pkcs12-kdf.js";
import type { Pkcs12Hash, Pkcs12KeyId } from "./pkcs12-kdf.js";

test("pkcs12Kdf reproduces openssl's PKCS12KDF for every vector", () => {
  const rows = tsvRows("pkcs12-kdf-vectors.tsv");
  for (const [digest, id, iterations, salt, password, length, output] of rows) {
    const got = pkcs12Kdf(
      digest!.toLowerCase() as Pkcs12Hash,
      Buffer.from(password!, "hex"),
      Buffer.from(salt!, "hex"),
      Number(id) as Pkcs12KeyId,
      Number(iterations),
      Number(length),
    );
    assert.equal(got.toString("hex"), output, `${digest} id ${id} length ${length}`);
  }
  assert.equal(rows.length, 8);
});

test("bmpPassword is UTF-16 big-endian with a zero terminator", () => {
  assert.equal(bmpPassword("").toString("hex"), "0000");
  assert.equal(bmpPassword("ab").toString("hex"), "006100620000");
  assert.equal(bmpPassword("ä✓").toString("hex"), "00e427130000");
});
