// Renders an AnchorageError in a route's wire protocol: the one shape every error response has.
import { INTERNAL_FAILURE_MESSAGE, wireError, type AnchorageError, type Protocol } from "./errors.js";
import { escapeXml } from "./xml-escape.js";

/** An error response ready to send: status, headers (besides the request id and date) and body. */
export interface RenderedError {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** The message the client sees: the thrown one, except for InternalFailure. */
export function publicMessage(error: AnchorageError): string {
  return error.code === "InternalFailure" ? INTERNAL_FAILURE_MESSAGE : error.message;
}

/**
 * The response for `error` on a route speaking `protocol`:
 * - rest-json: `x-amzn-ErrorType: <type>` and `{"message": …}`;
 * - json: the same header and `{"__type": <type>, "message": …}`;
 * - query: `<ErrorResponse xmlns=…><Error><Type>Sender|Receiver</Type><Code>…</Code>
 *   <Message>…</Message></Error><RequestId>…</RequestId></ErrorResponse>` as `text/xml`.
 */
export function renderError(
  error: AnchorageError,
  protocol: Protocol,
  requestId: string,
  xmlNamespace?: string,
): RenderedError {
  const { status, type } = wireError(error.code, protocol);
  const message = publicMessage(error);
  if (protocol === "query") {
    const xmlns = xmlNamespace === undefined ? "" : ` xmlns="${escapeXml(xmlNamespace)}"`;
    const body =
      `<ErrorResponse${xmlns}><Error><Type>${status < 500 ? "Sender" : "Receiver"}</Type>` +
      `<Code>${escapeXml(type)}</Code><Message>${escapeXml(message)}</Message></Error>` +
      `<RequestId>${escapeXml(requestId)}</RequestId></ErrorResponse>`;
    return { status, headers: { "content-type": "text/xml" }, body };
  }
  const payload = protocol === "json" ? { __type: type, message } : { message };
  return {
    status,
    headers: { "content-type": "application/json", "x-amzn-errortype": type },
    body: JSON.stringify(payload),
  };
}
