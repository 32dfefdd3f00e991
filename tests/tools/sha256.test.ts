import assert from "node:assert/strict";
import { sha256 } from "../../tools/sha256.ts";

Deno.test("sha256: the FIPS 180-2 test vectors, for strings and bytes alike", async () => {
  assert.equal(
    await sha256("abc"),
    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
  );
  assert.equal(
    await sha256(""),
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
  );
  assert.equal(await sha256(new TextEncoder().encode("abc")), await sha256("abc"));
});
