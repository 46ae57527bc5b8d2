import assert from "node:assert/strict";
import test from "node:test";
import { parseErrorResponse } from "./error-response.js";

const json = (v: unknown) => Buffer.from(JSON.stringify(v));
const cases: [string, Record<string, string>, Buffer, object][] = [
  [
    "the helper vectors' 403: type from x-amzn-ErrorType, message from the body",
    { "x-amzn-errortype": "AccessDeniedException" },
    json({ message: "Untrusted signing certificate" }),
    { errorType: "AccessDeniedException", message: "Untrusted signing certificate" },
  ],
  [
    "a header type with a namespace suffix, a request id",
    {
      "x-amzn-errortype": "ValidationException:http://internal.amazon.com/coral/",
      "x-amzn-requestid": "r-1",
    },
    json({ Message: "Invalid session duration" }),
    { errorType: "ValidationException", message: "Invalid session duration", requestId: "r-1" },
  ],
  [
    "__type with a namespace",
    {},
    json({ __type: "com.amazonaws.rolesanywhere#ResourceNotFoundException", message: "no profile" }),
    { errorType: "ResourceNotFoundException", message: "no profile" },
  ],
  [
    "code, and x-amz-request-id",
    { "x-amz-request-id": "r-2" },
    json({ code: "Throttling" }),
    { errorType: "Throttling", requestId: "r-2" },
  ],
  ["an HTML body: nothing", {}, Buffer.from("<html>502 Bad Gateway</html>"), {}],
  ["a JSON array: nothing", {}, json([1]), {}],
  [
    "control characters in server text are flattened",
    { "x-amzn-errortype": "AccessDeniedException" },
    json({ message: "line1\nline2\u001b[31m" }),
    { errorType: "AccessDeniedException", message: "line1 line2 [31m" },
  ],
];

test("7 error responses", () => {
  for (const [name, headers, body, expected] of cases)
    assert.deepEqual(parseErrorResponse(headers, body), expected, name);
  assert.equal(cases.length, 7);
});
