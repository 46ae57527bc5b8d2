// What every admin API call needs: where to send it, the credentials to sign with, the clock and
// the network seam. One value per service (Roles Anywhere, IAM, STS, the decision API).
import type { AwsCredentials } from "../../aws/credentials.js";
import type { HttpSend } from "../../aws/http-send.js";

export interface ApiClient {
  readonly endpoint: URL;
  /** The region requests are signed for. */
  readonly region: string;
  readonly credentials: AwsCredentials;
  /** The signing clock. */
  readonly now: () => Date;
  /** The network seam (default node:http/https). */
  readonly send?: HttpSend;
}
