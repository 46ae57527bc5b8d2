// Step `request` and step `parameters`: the request as received, bounded and parsed by
// @anchorage/sigv4-x509 (Authorization, X-Amz-Date, X-Amz-X509, X-Amz-X509-Chain, the canonical
// request rebuilt from what was received — the Host header included, whatever address the server
// listens on), and, once the signature verified, the CreateSession parameters (ARNs from the query
// string or the JSON body, durationSeconds, roleSessionName, instanceProperties).
import {
  isX509RequestError,
  parseCreateSessionParams,
  parseX509Request,
  type CertificateCache,
  type CreateSessionParams,
  type ParsedX509Request,
} from "@anchorage/sigv4-x509";
import { CreateSessionRefusal } from "./refusal.js";

/** CreateSession as the HTTP layer received it. */
export interface ReceivedCreateSession {
  readonly method: string;
  /** The request target as received (`/sessions?profileArn=…`). */
  readonly rawUrl: string;
  /** node's flat `rawHeaders` (name, value, name, value…), so duplicates are seen. */
  readonly rawHeaders: readonly string[];
  /** The exact body bytes (de-chunked). */
  readonly body: Buffer;
}

/** An @anchorage/sigv4-x509 error as a refusal (same code); anything else is rethrown. */
export function sigv4Refusal(error: unknown): never {
  if (isX509RequestError(error)) throw new CreateSessionRefusal(error.code, error.message, { cause: error });
  throw error;
}

/** Parses the AWS4-X509 request (certificates kept in `certificates` across requests). */
export function readRequest(
  received: ReceivedCreateSession,
  certificates: CertificateCache,
): ParsedX509Request {
  try {
    return parseX509Request(
      { method: received.method, rawUrl: received.rawUrl, headers: received.rawHeaders, body: received.body },
      { certificates },
    );
  } catch (error) {
    return sigv4Refusal(error);
  }
}

/** The CreateSession parameters of a parsed request. */
export function readParameters(parsed: ParsedX509Request, body: Buffer): CreateSessionParams {
  const contentType = parsed.headers.find(([name]) => name.toLowerCase() === "content-type")?.[1];
  try {
    return parseCreateSessionParams({
      query: parsed.query,
      body,
      ...(contentType === undefined ? {} : { contentType }),
    });
  } catch (error) {
    return sigv4Refusal(error);
  }
}
