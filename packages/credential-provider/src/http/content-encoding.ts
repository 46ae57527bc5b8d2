import { TransportError } from "./http-request.js";

/**
 * Decodes a response body by its `Content-Encoding`. AWS's helper (Go's HTTP client) sends
 * `Accept-Encoding: gzip`, so a server may answer gzip; `identity` and no header pass the bytes
 * through. The decoded size is bounded by `maxBytes` (a gzip bomb fails instead of filling memory).
 * node:zlib is loaded only when a gzip body arrives.
 *
 * @throws TransportError `ResponseTooLarge` past `maxBytes`, `BadContentEncoding` for a corrupt body
 *   or an encoding other than gzip.
 */
export async function decodeBody(
  body: Buffer,
  contentEncoding: string | undefined,
  maxBytes: number,
): Promise<Buffer> {
  const encoding = (contentEncoding ?? "").trim().toLowerCase();
  if (encoding === "" || encoding === "identity") return body;
  if (encoding !== "gzip" && encoding !== "x-gzip") {
    throw new TransportError(
      "BadContentEncoding",
      `the response uses Content-Encoding ${JSON.stringify(encoding.slice(0, 40))}, which was not asked for (only gzip is accepted)`,
    );
  }
  const { gunzip } = process.getBuiltinModule("node:zlib");
  return new Promise<Buffer>((resolve, reject) => {
    gunzip(body, { maxOutputLength: maxBytes }, (error, decoded) => {
      if (error === null) return resolve(decoded);
      const tooLarge = (error as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE";
      reject(
        new TransportError(
          tooLarge ? "ResponseTooLarge" : "BadContentEncoding",
          tooLarge
            ? `the gzip response body decodes to more than ${maxBytes} bytes`
            : `the gzip response body is corrupt (${error.message})`,
          { cause: error },
        ),
      );
    });
  });
}
